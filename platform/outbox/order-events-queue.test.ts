import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../lib/clock.js'
import { startEmbeddedBrokerServer, type EmbeddedBrokerServer } from '../broker/embedded-broker-server.js'
import type { Db } from '../db/db.js'
import { openTestDb } from '../testing/test-platform.js'
import { enqueueOrderPaid } from './order-events.js'
import { startOrderEventsQueue, type OrderEventsQueue } from './order-events-queue.js'
import { outboxPending } from './relay-to-broker.js'

let db: Db
let server: EmbeddedBrokerServer
let queue: OrderEventsQueue | undefined
const problems: string[] = []

beforeEach(async () => {
  db = await openTestDb()
  server = await startEmbeddedBrokerServer()
  problems.length = 0
})
afterEach(async () => {
  await queue?.close()
  queue = undefined
  await server.close()
  await db.close()
})

const consumed = async () =>
  (await db.query<{ order_id: string }>('SELECT order_id FROM published_events ORDER BY order_id')).rows.map(
    (r) => r.order_id,
  )

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = systemClock.monotonic() + ms
  while (!(await check())) {
    if (systemClock.monotonic() > deadline) throw new Error('Timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

function start(url: string): OrderEventsQueue {
  queue = startOrderEventsQueue({
    db,
    clock: systemClock,
    config: { adapter: { kind: 'embedded', url, timeoutMs: 500, connectTimeoutMs: 300 } },
    onProblem: (message) => problems.push(message),
  })
  return queue
}

describe('the OrderPaid queue', () => {
  it('relays the outbox to the broker and the consumer records each event once', async () => {
    const events = start(server.url)
    for (const id of ['ord_a', 'ord_b', 'ord_c']) await enqueueOrderPaid(db, id, new Date())
    await until(async () => {
      await events.relay()
      return (await outboxPending(db)) === 0
    })
    await until(async () => (await consumed()).length === 3)
    // A second relay pass publishes nothing again.
    await events.relay()
    await until(async () => (await events.brokerPending()) === 0)
    expect(await consumed()).toEqual(['ord_a', 'ord_b', 'ord_c'])
  })

  it('keeps the events in the outbox while the broker is unreachable, says so once, and relays them after', async () => {
    const port = server.port
    const events = start(server.url)
    await until(async () => (await events.brokerPending()) !== null)
    await server.close()
    for (const id of ['ord_x', 'ord_y']) await enqueueOrderPaid(db, id, new Date())
    await events.relay()
    await events.relay()
    expect(await outboxPending(db)).toBe(2)
    expect(problems.filter((p) => p.startsWith('relaying to the broker failed'))).toHaveLength(1)
    expect(await events.brokerPending()).toBeNull()
    server = await startEmbeddedBrokerServer({ port })
    await until(async () => {
      await events.relay()
      return (await outboxPending(db)) === 0
    })
    await until(async () => (await consumed()).length === 2)
    expect(problems).toContain('relaying to the broker again')
  })
})
