import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../lib/clock.js'
import type { Broker } from './broker.js'
import type { BrokerError } from './broker-errors.js'
import { consumeLoop } from './consume-loop.js'
import { createEmbeddedBroker } from './embedded-broker-client.js'
import { startEmbeddedBrokerServer, type EmbeddedBrokerServer } from './embedded-broker-server.js'

describe('the consume loop', () => {
  let server: EmbeddedBrokerServer | undefined
  const handles: Broker[] = []
  const stops: AbortController[] = []
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop.abort()
    for (const handle of handles.splice(0)) await handle.close()
    await server?.close()
    server = undefined
  })

  const waitUntil = async (check: () => boolean | Promise<boolean>, withinMs = 10_000) => {
    const deadline = performance.now() + withinMs
    while (!(await check())) {
      expect(performance.now()).toBeLessThan(deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('acks what its handler took, and retries what it threw on until it succeeds', async () => {
    server = await startEmbeddedBrokerServer()
    const broker = createEmbeddedBroker({ url: server.url, durable: 'c' })
    handles.push(broker)
    for (const id of ['a', 'b', 'c']) await broker.publish({ id, subject: 'orders.paid', data: id })
    const handled: string[] = []
    const errors: string[] = []
    let failedOnce = false
    const stop = new AbortController()
    stops.push(stop)
    const done = consumeLoop(
      broker,
      async (d) => {
        if (d.id === 'b' && !failedOnce) {
          failedOnce = true
          throw new Error('db busy')
        }
        handled.push(`${d.id}#${d.deliveryCount}`)
      },
      {
        signal: stop.signal,
        clock: systemClock,
        retryDelayMs: () => 50,
        onError: (e: BrokerError) => errors.push(e.code),
      },
    )
    await waitUntil(async () => handled.length === 3 && (await broker.pending()) === 0)
    expect(handled).toEqual(['a#1', 'c#1', 'b#2'])
    expect(errors).toEqual(['BROKER_INTERNAL'])
    stop.abort()
    await done
  })

  it('waits out a broker that is down instead of throwing', async () => {
    server = await startEmbeddedBrokerServer()
    const port = server.port
    const broker = createEmbeddedBroker({ url: server.url, durable: 'c', timeoutMs: 1_000 })
    handles.push(broker)
    await server.close()
    const errors: string[] = []
    const handled: string[] = []
    const stop = new AbortController()
    stops.push(stop)
    const done = consumeLoop(broker, async (d) => void handled.push(d.id), {
      signal: stop.signal,
      clock: systemClock,
      fetchErrorPauseMs: 50,
      onError: (e) => errors.push(e.code),
    })
    await waitUntil(() => errors.length >= 2)
    expect(new Set(errors)).toEqual(new Set(['BROKER_UNAVAILABLE']))
    server = await startEmbeddedBrokerServer({ port })
    await broker.publish({ id: 'later', subject: 'orders.paid', data: 'x' })
    await waitUntil(() => handled.length === 1)
    stop.abort()
    await done
  })
})
