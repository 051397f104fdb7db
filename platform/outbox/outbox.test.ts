import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { cartWith, openTestDb, testApp } from '../testing/test-platform.js'
import { relayOutbox } from './relay-outbox.js'

let db: Db
let psp: StubPsp
const closers: (() => Promise<void>)[] = []

beforeEach(async () => {
  db = await openTestDb()
  psp = await startStubPsp()
})
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await psp.close()
  await db.close()
})

async function paidOrder(outbox: boolean) {
  const t = testApp(db, { pspUrl: psp.url, safeguards: { outbox } })
  closers.push(t.close)
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': `outbox-${outbox}` },
    payload: { cartId: await cartWith(t.app), paymentMethod: 'pm_card_visa' },
  })
  const events = async () =>
    (
      (await t.app.inject({ method: 'GET', url: '/__admin/events' })).json() as {
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
    expect(await relayOutbox(db, now)).toBe(1)
    expect(await relayOutbox(db, now)).toBe(0)
    expect(await events()).toEqual([
      { eventId: `evt_order_paid_${orderId}`, type: 'OrderPaid', orderId, publishedAt: now.toISOString() },
    ])
  })

  it('publishes from memory after the commit when off, with nothing durable to relay', async () => {
    const { orderId, events } = await paidOrder(false)
    await new Promise((r) => setTimeout(r, 50))
    expect((await events()).map((e) => e.orderId)).toEqual([orderId])
    const pending = await db.query('SELECT 1 FROM outbox')
    expect(pending.rows).toEqual([])
  })
})
