import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { cartWith, openTestDb, testApp } from '../testing/test-platform.js'

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

function setup(input: Parameters<typeof testApp>[1] = { pspUrl: psp.url }) {
  const t = testApp(db, input)
  closers.push(t.close)
  return t.app
}

const checkout = (
  app: ReturnType<typeof setup>,
  cartId: string,
  key?: string,
  paymentMethod = 'pm_card_visa',
) =>
  app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: key === undefined ? {} : { 'idempotency-key': key },
    payload: { cartId, paymentMethod },
  })

describe('POST /v1/checkouts', () => {
  it('charges the cart total once and answers 201 with the paid order', async () => {
    const app = setup()
    const cartId = await cartWith(app, 'sku_mug', 2)
    const res = await checkout(app, cartId, 'key-1')
    expect(res.statusCode).toBe(201)
    const { order } = res.json() as { order: Record<string, unknown> }
    expect(order).toMatchObject({ status: 'paid', cartId, total: { amountMinor: 2400, currency: 'usd' } })
    expect(psp.charges).toHaveLength(1)
    expect(psp.charges[0]).toMatchObject({
      amount: 2400,
      orderId: order.id,
      idempotencyKey: `order_${order.id}_pay`,
    })
  })

  it('replays the first response for the same key without charging again', async () => {
    const app = setup()
    const cartId = await cartWith(app)
    const first = await checkout(app, cartId, 'key-r')
    const second = await checkout(app, cartId, 'key-r')
    expect(second.statusCode).toBe(first.statusCode)
    expect(second.json()).toEqual(first.json())
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    expect(psp.charges).toHaveLength(1)
  })

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const app = setup()
    const cartId = await cartWith(app)
    await checkout(app, cartId, 'key-x')
    const res = await checkout(app, cartId, 'key-x', 'pm_card_mastercard')
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 })
  })

  it('answers 409 IDEMPOTENCY_KEY_IN_USE while the first request with the key is in flight', async () => {
    const app = setup({ pspUrl: psp.url, pspTimeoutMs: 1500, safeguards: { retries: false } })
    const cartId = await cartWith(app)
    psp.fault('hang-response')
    const first = checkout(app, cartId, 'key-busy')
    await waitFor(() => psp.requests.length === 1)
    const second = await checkout(app, cartId, 'key-busy')
    expect(second.statusCode).toBe(409)
    expect(second.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' })
    expect((await first).statusCode).toBe(502)
  })

  it('requires an Idempotency-Key header', async () => {
    const app = setup()
    const res = await checkout(app, await cartWith(app))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' })
  })

  it('answers 402 CARD_DECLINED with the order id and fails the order', async () => {
    const app = setup()
    const cartId = await cartWith(app)
    const res = await checkout(app, cartId, 'key-d', 'pm_card_visa_chargeDeclined')
    expect(res.statusCode).toBe(402)
    const body = res.json() as { code: string; orderId: string }
    expect(body.code).toBe('CARD_DECLINED')
    const order = await app.inject({ method: 'GET', url: `/v1/orders/${body.orderId}` })
    expect(order.json()).toMatchObject({ order: { status: 'failed', failureCode: 'CARD_DECLINED' } })
  })

  it('answers 404 CART_NOT_FOUND for an unknown cart', async () => {
    const app = setup()
    const res = await checkout(app, 'cart_nope', 'key-404')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'CART_NOT_FOUND' })
  })

  it('answers 422 CART_EMPTY for a cart without items', async () => {
    const app = setup()
    const cart = await app.inject({ method: 'POST', url: '/v1/carts', payload: {} })
    const res = await checkout(app, (cart.json() as { id: string }).id, 'key-empty')
    expect(res.json()).toMatchObject({ code: 'CART_EMPTY', status: 422 })
  })

  it('leaves the order payment_pending on an unreachable PSP and resumes it on retry', async () => {
    const app = setup({ pspUrl: psp.url, pspTimeoutMs: 500 })
    const cartId = await cartWith(app)
    psp.fault('error-500', 2)
    const first = await checkout(app, cartId, 'key-resume')
    expect(first.statusCode).toBe(502)
    const { orderId } = first.json() as { orderId: string; code: string }
    expect(first.json()).toMatchObject({ code: 'PSP_UNAVAILABLE' })
    const pending = await app.inject({ method: 'GET', url: `/v1/orders/${orderId}` })
    expect(pending.json()).toMatchObject({ order: { status: 'payment_pending' } })
    const retry = await checkout(app, cartId, 'key-resume')
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toMatchObject({ order: { id: orderId, status: 'paid' } })
    expect(psp.charges).toHaveLength(1)
  })
})

describe('a lost PSP response', () => {
  it('charges once when the retry carries the same PSP idempotency key', async () => {
    const app = setup({ pspUrl: psp.url, pspTimeoutMs: 300 })
    psp.fault('hang-response')
    const res = await checkout(app, await cartWith(app), 'key-lost-on')
    expect(res.statusCode).toBe(201)
    expect(psp.requests).toHaveLength(2)
    expect(psp.charges).toHaveLength(1)
  })

  it('charges twice when psp-idempotency is off', async () => {
    const app = setup({ pspUrl: psp.url, pspTimeoutMs: 300, safeguards: { 'psp-idempotency': false } })
    psp.fault('hang-response')
    const res = await checkout(app, await cartWith(app), 'key-lost-off')
    expect(res.statusCode).toBe(201)
    expect(psp.requests.map((r) => r.idempotencyKey)).toEqual([undefined, undefined])
    expect(psp.charges).toHaveLength(2)
  })

  it('records the PaymentIntent on the order as the admin API lists it', async () => {
    const app = setup()
    const res = await checkout(app, await cartWith(app, 'sku_tshirt', 1), 'key-admin')
    const { order } = res.json() as { order: { id: string; paymentIntentId: string } }
    const admin = await app.inject({ method: 'GET', url: '/__admin/orders' })
    expect(admin.json()).toEqual({
      orders: [
        {
          id: order.id,
          status: 'paid',
          idempotencyKey: 'key-admin',
          amountMinor: 2500,
          currency: 'usd',
          paymentIntentIds: [order.paymentIntentId],
          createdAt: expect.any(String),
        },
      ],
    })
  })
})

describe('with the idempotency safeguard off', () => {
  it('creates a new order and charge for each request with the same key', async () => {
    const app = setup({ pspUrl: psp.url, safeguards: { idempotency: false } })
    const cartId = await cartWith(app)
    const a = await checkout(app, cartId, 'key-same')
    const b = await checkout(app, cartId, 'key-same')
    expect([a.statusCode, b.statusCode]).toEqual([201, 201])
    expect(psp.charges).toHaveLength(2)
    const admin = (await app.inject({ method: 'GET', url: '/__admin/orders' })).json() as {
      orders: { idempotencyKey: string }[]
    }
    expect(admin.orders.map((o) => o.idempotencyKey)).toEqual(['key-same', 'key-same'])
  })
})

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > end) throw new Error('Failed to wait: condition never held')
    await new Promise((r) => setTimeout(r, 10))
  }
}
