import { afterEach, describe, expect, it } from 'vitest'
import { openBroker } from './open-broker.js'
import { startEmbeddedBrokerServer, type EmbeddedBrokerServer } from './embedded-broker-server.js'
import type { BrokerError } from './broker-errors.js'

describe('openBroker', () => {
  let server: EmbeddedBrokerServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('opens the embedded adapter from plain config', async () => {
    server = await startEmbeddedBrokerServer()
    const broker = await openBroker({ kind: 'embedded', url: server.url, durable: 'order-events' })
    await broker.publish({ id: 'evt_1', subject: 'orders.paid', data: 'x' })
    expect(await broker.pending()).toBe(1)
    await broker.close()
  })

  it('refuses an out-of-range option with BROKER_CONFIG_INVALID', async () => {
    const error = await openBroker({ kind: 'embedded', url: 'http://127.0.0.1:1', ackWaitMs: 0 }).catch(
      (e: unknown) => e,
    )
    expect((error as BrokerError).code).toBe('BROKER_CONFIG_INVALID')
  })
})
