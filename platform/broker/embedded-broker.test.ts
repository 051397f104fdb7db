import { createServer, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { registerBrokerContract } from './broker-contract.js'
import { BrokerError } from './broker-errors.js'
import { createEmbeddedBroker } from './embedded-broker-client.js'
import { startEmbeddedBrokerServer, type EmbeddedBrokerServer } from './embedded-broker-server.js'
import { startTcpLink } from './testing/tcp-link.js'

registerBrokerContract('embedded broker', async ({ ackWaitMs, timeoutMs }) => {
  const server = await startEmbeddedBrokerServer({ subjects: ['orders.>'] })
  // The link stands where a fault proxy would: cutting it leaves the server up, as a network fault does.
  const link = await startTcpLink({ host: '127.0.0.1', port: server.port })
  return {
    subject: 'orders.paid',
    open: async () =>
      createEmbeddedBroker({
        url: `http://127.0.0.1:${link.port}`,
        durable: 'order-events',
        ackWaitMs,
        timeoutMs,
      }),
    cutLink: () => link.cut(),
    stallLink: () => link.stall(),
    healLink: () => link.heal(),
    teardown: async () => {
      await link.close()
      await server.close()
    },
  }
})

describe('the embedded broker client', () => {
  let server: EmbeddedBrokerServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('rejects a publish with BROKER_UNAVAILABLE at once when the server is stopped', async () => {
    server = await startEmbeddedBrokerServer()
    const broker = createEmbeddedBroker({ url: server.url, timeoutMs: 2_000 })
    await broker.publish({ id: 'evt_1', subject: 'orders.paid', data: 'x' })
    await server.close()
    const started = performance.now()
    const error = await broker
      .publish({ id: 'evt_2', subject: 'orders.paid', data: 'x' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrokerError)
    expect((error as BrokerError).code).toBe('BROKER_UNAVAILABLE')
    expect((error as BrokerError).retryable).toBe(true)
    expect(performance.now() - started).toBeLessThan(5_000)
    await broker.close()
  })

  it('rejects a publish with BROKER_TIMEOUT when the server accepts but never answers', async () => {
    const sockets = new Set<Socket>()
    const silent = createServer((socket) => void sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = silent.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const broker = createEmbeddedBroker({ url: `http://127.0.0.1:${port}`, timeoutMs: 500 })
    try {
      const error = await broker
        .publish({ id: 'evt_1', subject: 'orders.paid', data: 'x' })
        .catch((e: unknown) => e)
      expect((error as BrokerError).code).toBe('BROKER_TIMEOUT')
    } finally {
      await broker.close()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })

  it('recreates its consumer when a restarted server forgot it', async () => {
    server = await startEmbeddedBrokerServer()
    const port = server.port
    const broker = createEmbeddedBroker({ url: server.url, durable: 'c1' })
    expect(await broker.pending()).toBe(0)
    await server.close()
    server = await startEmbeddedBrokerServer({ port })
    await broker.publish({ id: 'evt_after', subject: 'orders.paid', data: 'x' })
    const deliveries = await broker.fetch(1, { expiresMs: 1_000 })
    expect(deliveries.map((d) => d.id)).toEqual(['evt_after'])
    await broker.close()
  })

  it('refuses a subject outside the stream with BROKER_SUBJECT_NOT_IN_STREAM', async () => {
    server = await startEmbeddedBrokerServer({ subjects: ['orders.>'] })
    const broker = createEmbeddedBroker({ url: server.url })
    const error = await broker
      .publish({ id: 'evt_1', subject: 'payments.done', data: 'x' })
      .catch((e: unknown) => e)
    expect((error as BrokerError).code).toBe('BROKER_SUBJECT_NOT_IN_STREAM')
    await broker.close()
  })

  it('answers an open long poll at once when the handle closes', async () => {
    server = await startEmbeddedBrokerServer()
    const broker = createEmbeddedBroker({ url: server.url })
    await broker.pending()
    const poll = broker.fetch(1, { expiresMs: 30_000 }).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const started = performance.now()
    await broker.close()
    const outcome = await poll
    expect((outcome as BrokerError).code).toBe('BROKER_CLOSED')
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
