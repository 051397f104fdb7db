import { describe, expect, it } from 'vitest'
import { usePlatformFixture } from '../testing/platform-fixture.js'
import { cartWith, postCheckout } from '../testing/test-platform.js'
import { enqueueOrderPaid } from './order-events.js'
import { relayOutbox } from './relay-outbox.js'

const fx = usePlatformFixture()

async function paidOrder(outbox: boolean) {
  const app = fx.app({ safeguards: { outbox } })
  const res = await postCheckout(app, await cartWith(app), `outbox-${outbox}`)
  const events = async () =>
    (
      (await app.inject({ method: 'GET', url: '/__admin/events' })).json() as {
        events: { orderId: string }[]
      }
    ).events
  return { orderId: (res.json() as { order: { id: string } }).order.id, events }
}

describe('the outbox', () => {
  it('writes OrderPaid with the payment and relays it once, however often the relay runs', async () => {
    const { orderId, events } = await paidOrder(true)
    expect(await events()).toEqual([])
    const now = new Date()
    expect(await relayOutbox(fx.db, now)).toBe(1)
    expect(await relayOutbox(fx.db, now)).toBe(0)
    expect(await events()).toEqual([
      { eventId: `evt_order_paid_${orderId}`, type: 'OrderPaid', orderId, publishedAt: now.toISOString() },
    ])
  })

  it('publishes from memory after the commit when off, with nothing durable to relay', async () => {
    const { orderId, events } = await paidOrder(false)
    await new Promise((r) => setTimeout(r, 50))
    expect((await events()).map((e) => e.orderId)).toEqual([orderId])
    const pending = await fx.db.query('SELECT 1 FROM outbox')
    expect(pending.rows).toEqual([])
  })

  it('relays a backlog larger than one pass over the next passes, each in one statement', async () => {
    for (const id of ['ord_1', 'ord_2', 'ord_3']) await enqueueOrderPaid(fx.db, id, new Date())
    const now = new Date()
    expect(await relayOutbox(fx.db, now, 2)).toBe(2)
    expect(await relayOutbox(fx.db, now, 2)).toBe(1)
    expect(await relayOutbox(fx.db, now, 2)).toBe(0)
    const published = await fx.db.query<{ order_id: string }>(
      'SELECT order_id FROM published_events ORDER BY order_id',
    )
    expect(published.rows.map((r) => r.order_id)).toEqual(['ord_1', 'ord_2', 'ord_3'])
  })
})
