import { describe, expect, it } from 'vitest'
import { usePlatformFixture } from '../testing/platform-fixture.js'
import { cartWith, postCheckout } from '../testing/test-platform.js'

const fx = usePlatformFixture()

describe('POST /v1/checkouts', () => {
  it('charges the cart total once and answers 201 with the paid order', async () => {
    const app = fx.app()
    const cartId = await cartWith(app, 'sku_mug', 2)
    const res = await postCheckout(app, cartId, 'key-1')
    expect(res.statusCode).toBe(201)
    const { order } = res.json() as { order: Record<string, unknown> }
    expect(order).toMatchObject({ status: 'paid', cartId, total: { amountMinor: 2400, currency: 'usd' } })
    expect(fx.psp.charges).toHaveLength(1)
    expect(fx.psp.charges[0]).toMatchObject({
      amount: 2400,
      orderId: order.id,
      idempotencyKey: `order_${order.id}_pay`,
    })
  })

  it('replays the first response for the same key without charging again', async () => {
    const app = fx.app()
    const cartId = await cartWith(app)
    const first = await postCheckout(app, cartId, 'key-r')
    const second = await postCheckout(app, cartId, 'key-r')
    expect(second.statusCode).toBe(first.statusCode)
    expect(second.json()).toEqual(first.json())
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    expect(fx.psp.charges).toHaveLength(1)
  })

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const app = fx.app()
    const cartId = await cartWith(app)
    await postCheckout(app, cartId, 'key-x')
    const res = await postCheckout(app, cartId, 'key-x', 'pm_card_mastercard')
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 })
  })

  it('answers 409 IDEMPOTENCY_KEY_IN_USE while the first request with the key is in flight', async () => {
    const app = fx.app({ pspTimeoutMs: 1500, safeguards: { retries: false } })
    const cartId = await cartWith(app)
    fx.psp.fault('hang-response')
    const first = postCheckout(app, cartId, 'key-busy')
    await waitFor(() => fx.psp.requests.length === 1)
    const second = await postCheckout(app, cartId, 'key-busy')
    expect(second.statusCode).toBe(409)
    expect(second.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' })
    expect((await first).statusCode).toBe(502)
  })

  it('requires an Idempotency-Key header', async () => {
    const app = fx.app()
    const res = await postCheckout(app, await cartWith(app))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' })
  })

  it('answers 402 CARD_DECLINED with the order id and fails the order', async () => {
    const app = fx.app()
    const cartId = await cartWith(app)
    const res = await postCheckout(app, cartId, 'key-d', 'pm_card_visa_chargeDeclined')
    expect(res.statusCode).toBe(402)
    const body = res.json() as { code: string; orderId: string }
    expect(body.code).toBe('CARD_DECLINED')
    const order = await app.inject({ method: 'GET', url: `/v1/orders/${body.orderId}` })
    expect(order.json()).toMatchObject({ order: { status: 'failed', failureCode: 'CARD_DECLINED' } })
  })

  it('answers 404 CART_NOT_FOUND for an unknown cart', async () => {
    const app = fx.app()
    const res = await postCheckout(app, 'cart_nope', 'key-404')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'CART_NOT_FOUND' })
  })

  it('answers 422 CART_EMPTY for a cart without items', async () => {
    const app = fx.app()
    const cart = await app.inject({ method: 'POST', url: '/v1/carts', payload: {} })
    const res = await postCheckout(app, (cart.json() as { id: string }).id, 'key-empty')
    expect(res.json()).toMatchObject({ code: 'CART_EMPTY', status: 422 })
  })

  it('leaves the order payment_pending on an unreachable PSP and resumes it on retry', async () => {
    const app = fx.app({ pspTimeoutMs: 500 })
    const cartId = await cartWith(app)
    fx.psp.fault('error-500', 2)
    const first = await postCheckout(app, cartId, 'key-resume')
    expect(first.statusCode).toBe(502)
    const { orderId } = first.json() as { orderId: string; code: string }
    expect(first.json()).toMatchObject({ code: 'PSP_UNAVAILABLE' })
    const pending = await app.inject({ method: 'GET', url: `/v1/orders/${orderId}` })
    expect(pending.json()).toMatchObject({ order: { status: 'payment_pending' } })
    const retry = await postCheckout(app, cartId, 'key-resume')
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toMatchObject({ order: { id: orderId, status: 'paid' } })
    expect(fx.psp.charges).toHaveLength(1)
  })
})

describe('a lost PSP response', () => {
  it('charges once when the retry carries the same PSP idempotency key', async () => {
    const app = fx.app({ pspTimeoutMs: 300 })
    fx.psp.fault('hang-response')
    const res = await postCheckout(app, await cartWith(app), 'key-lost-on')
    expect(res.statusCode).toBe(201)
    expect(fx.psp.requests).toHaveLength(2)
    expect(fx.psp.charges).toHaveLength(1)
  })

  it('charges twice when psp-idempotency is off', async () => {
    const app = fx.app({ pspTimeoutMs: 300, safeguards: { 'psp-idempotency': false } })
    fx.psp.fault('hang-response')
    const res = await postCheckout(app, await cartWith(app), 'key-lost-off')
    expect(res.statusCode).toBe(201)
    expect(fx.psp.requests.map((r) => r.idempotencyKey)).toEqual([undefined, undefined])
    expect(fx.psp.charges).toHaveLength(2)
  })

  it('records the PaymentIntent on the order as the admin API lists it', async () => {
    const app = fx.app()
    const res = await postCheckout(app, await cartWith(app, 'sku_tshirt', 1), 'key-admin')
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
    const app = fx.app({ safeguards: { idempotency: false } })
    const cartId = await cartWith(app)
    const a = await postCheckout(app, cartId, 'key-same')
    const b = await postCheckout(app, cartId, 'key-same')
    expect([a.statusCode, b.statusCode]).toEqual([201, 201])
    expect(fx.psp.charges).toHaveLength(2)
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
