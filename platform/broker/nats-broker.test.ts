import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import { afterEach, describe, expect, it } from 'vitest'
import { registerBrokerContract } from './broker-contract.js'
import { BrokerError } from './broker-errors.js'
import { createNatsBroker } from './nats-broker.js'
import { deleteNatsStream } from './nats-setup.js'
import { startTcpLink } from './testing/tcp-link.js'

const NATS_URL = process.env.NATS_URL
const SKIP = NATS_URL
  ? undefined
  : 'set NATS_URL (e.g. nats://127.0.0.1:4222, a server with JetStream) to run'
if (SKIP) console.warn(`nats-broker.test.ts: ${SKIP}`)

/** host and port of NATS_URL, for the link in front of it. */
function natsTarget(): { host: string; port: number } {
  const url = new URL((NATS_URL ?? 'nats://127.0.0.1:4222').replace(/^nats:/, 'http:'))
  return { host: url.hostname, port: Number(url.port || 4222) }
}

/** Deletes a test's stream over its own connection, so a failed test leaves nothing behind. */
const deleteStream = async (name: string): Promise<void> =>
  void (await deleteNatsStream(NATS_URL ?? '', name))

registerBrokerContract(
  'NATS JetStream',
  async ({ ackWaitMs, timeoutMs }) => {
    const unique = randomUUID().replace(/-/g, '').slice(0, 12)
    const stream = `GDTEST_${unique}`
    const link = await startTcpLink(natsTarget())
    return {
      subject: `gdtest.${unique}.orders.paid`,
      open: () =>
        createNatsBroker({
          servers: `nats://127.0.0.1:${link.port}`,
          stream,
          subjects: [`gdtest.${unique}.>`],
          storage: 'memory',
          durable: 'order-events',
          ackWaitMs,
          timeoutMs,
        }),
      cutLink: () => link.cut(),
      stallLink: () => link.stall(),
      healLink: () => link.heal(),
      teardown: async () => {
        await link.close()
        await deleteStream(stream)
      },
    }
  },
  SKIP,
)

describe.skipIf(SKIP !== undefined)(`the NATS broker${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {})
  })

  it('fails with BROKER_UNAVAILABLE when nothing listens at the URL', async () => {
    const port = await freePort()
    const error = await createNatsBroker({
      servers: `nats://127.0.0.1:${port}`,
      stream: 'GDTEST_NONE',
      subjects: ['x.>'],
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrokerError)
    expect((error as BrokerError).code).toBe('BROKER_UNAVAILABLE')
  })

  it('ensures a file stream that a second handle reuses, and updates the ack wait', async () => {
    const unique = randomUUID().replace(/-/g, '').slice(0, 12)
    const stream = `GDTEST_${unique}`
    cleanups.push(() => deleteStream(stream))
    const options = { servers: NATS_URL ?? '', stream, subjects: [`gdtest.${unique}.>`], durable: 'c' }
    const first = await createNatsBroker({ ...options, ackWaitMs: 5_000 })
    cleanups.push(() => first.close())
    await first.publish({ id: 'a', subject: `gdtest.${unique}.x`, data: 'x' })
    const second = await createNatsBroker({ ...options, ackWaitMs: 7_000 })
    cleanups.push(() => second.close())
    expect(await second.pending()).toBe(1)
    const nc = await connect({ servers: NATS_URL ?? '' })
    cleanups.push(() => nc.close())
    const jsm = await jetstreamManager(nc)
    expect((await jsm.streams.info(stream)).config.storage).toBe('file')
    expect((await jsm.consumers.info(stream, 'c')).config.ack_wait).toBe(7_000 * 1_000_000)
  })

  it('deletes a stream, and answers false for one that is not there', async () => {
    const unique = randomUUID().replace(/-/g, '').slice(0, 12)
    const stream = `GDTEST_${unique}`
    const broker = await createNatsBroker({
      servers: NATS_URL ?? '',
      stream,
      subjects: [`gdtest.${unique}.>`],
      storage: 'memory',
    })
    await broker.close()
    expect(await deleteNatsStream(NATS_URL ?? '', stream)).toBe(true)
    expect(await deleteNatsStream(NATS_URL ?? '', stream)).toBe(false)
  })

  it('recreates its stream and consumer when they vanish (a memory stream after a NATS restart)', async () => {
    const unique = randomUUID().replace(/-/g, '').slice(0, 12)
    const stream = `GDTEST_${unique}`
    cleanups.push(() => deleteStream(stream))
    const broker = await createNatsBroker({
      servers: NATS_URL ?? '',
      stream,
      subjects: [`gdtest.${unique}.>`],
      storage: 'memory',
    })
    cleanups.push(() => broker.close())
    await broker.publish({ id: 'a', subject: `gdtest.${unique}.x`, data: 'x' })
    await deleteStream(stream)
    expect(await broker.pending()).toBe(0)
    await broker.publish({ id: 'b', subject: `gdtest.${unique}.x`, data: 'x' })
    const got = await broker.fetch(1, { expiresMs: 1_000 })
    expect(got.map((d) => d.id)).toEqual(['b'])
  })

  it('refuses a subject no stream captures with BROKER_SUBJECT_NOT_IN_STREAM', async () => {
    const unique = randomUUID().replace(/-/g, '').slice(0, 12)
    const stream = `GDTEST_${unique}`
    cleanups.push(() => deleteStream(stream))
    const broker = await createNatsBroker({
      servers: NATS_URL ?? '',
      stream,
      subjects: [`gdtest.${unique}.>`],
      storage: 'memory',
    })
    cleanups.push(() => broker.close())
    const error = await broker
      .publish({ id: 'a', subject: `gdtest.nowhere${unique}.x`, data: 'x' })
      .catch((e: unknown) => e)
    expect((error as BrokerError).code).toBe('BROKER_SUBJECT_NOT_IN_STREAM')
  })

  const natsServer = spawnSync('nats-server', ['--version']).status === 0
  it.skipIf(!natsServer)('fails with BROKER_JETSTREAM_DISABLED on a server without JetStream', async () => {
    const port = await freePort()
    const child: ChildProcess = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port)], {
      stdio: 'ignore',
    })
    cleanups.push(async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
    })
    await waitForPort(port)
    const error = await createNatsBroker({
      servers: `nats://127.0.0.1:${port}`,
      stream: 'GDTEST_NOJS',
      subjects: ['x.>'],
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrokerError)
    expect((error as BrokerError).code).toBe('BROKER_JETSTREAM_DISABLED')
    expect((error as BrokerError).retryable).toBe(false)
  })

  it('fails fast with BROKER_UNAVAILABLE while its link is down, and works again once it is back', async () => {
    const unique = randomUUID().replace(/-/g, '').slice(0, 12)
    const stream = `GDTEST_${unique}`
    cleanups.push(() => deleteStream(stream))
    const link = await startTcpLink(natsTarget())
    cleanups.push(() => link.close())
    const broker = await createNatsBroker({
      servers: `nats://127.0.0.1:${link.port}`,
      stream,
      subjects: [`gdtest.${unique}.>`],
      storage: 'memory',
      timeoutMs: 3_000,
    })
    cleanups.push(() => broker.close())
    await link.cut()
    await new Promise((resolve) => setTimeout(resolve, 300))
    const started = performance.now()
    const error = await broker
      .publish({ id: 'a', subject: `gdtest.${unique}.x`, data: 'x' })
      .catch((e: unknown) => e)
    expect((error as BrokerError).code).toBe('BROKER_UNAVAILABLE')
    expect(performance.now() - started).toBeLessThan(1_000)
    await link.heal()
    const deadline = performance.now() + 20_000
    for (;;) {
      const outcome = await broker
        .publish({ id: 'a', subject: `gdtest.${unique}.x`, data: 'x' })
        .catch((e: unknown) => e)
      if (!(outcome instanceof Error)) break
      expect(performance.now()).toBeLessThan(deadline)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(await broker.pending()).toBe(1)
  })
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function waitForPort(port: number): Promise<void> {
  const { connect: tcpConnect } = await import('node:net')
  const deadline = performance.now() + 10_000
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1')
      socket.once('connect', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    if (performance.now() > deadline) throw new Error(`nats-server did not listen on ${port}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
