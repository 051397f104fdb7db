import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { cartWith, openTestDb, testApp } from '../testing/test-platform.js'

let db: Db
let psp: StubPsp
let t: ReturnType<typeof testApp>

beforeAll(async () => {
  db = await openTestDb()
  psp = await startStubPsp()
  t = testApp(db, { pspUrl: psp.url })
})
afterAll(async () => {
  await t?.close()
  await psp?.close()
  await db?.close()
})

describe('GET /v1/orders/:id', () => {
  it('shows a paid order with every transition it went through', async () => {
    const cartId = await cartWith(t.app, 'sku_hoodie', 1)
    const paid = await t.app.inject({
      method: 'POST',
      url: '/v1/checkouts',
      headers: { 'idempotency-key': 'order-view' },
      payload: { cartId, paymentMethod: 'pm_card_visa', email: 'someone@example.com' },
    })
    const { order } = paid.json() as { order: { id: string; paymentIntentId: string } }
    const res = await t.app.inject({ method: 'GET', url: `/v1/orders/${order.id}` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      order: {
        id: order.id,
        status: 'paid',
        cartId,
        total: { amountMinor: 5500, currency: 'usd' },
        paymentIntentId: order.paymentIntentId,
        paymentIntentIds: [order.paymentIntentId],
        createdAt: expect.any(String),
        transitions: [
          { from: null, to: 'pending', at: expect.any(String), reason: 'created' },
          { from: 'pending', to: 'payment_pending', at: expect.any(String), reason: 'payment_started' },
          { from: 'payment_pending', to: 'paid', at: expect.any(String), reason: 'payment_succeeded' },
        ],
      },
    })
  })

  it('answers 404 ORDER_NOT_FOUND for an unknown order', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/orders/ord_missing' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'ORDER_NOT_FOUND' })
  })

  it('refuses a malformed id with 400 VALIDATION_FAILED', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/orders/DROP%20TABLE' })
    expect(res.statusCode).toBe(400)
  })
})
