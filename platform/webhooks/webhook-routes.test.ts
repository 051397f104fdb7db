import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { usePlatformFixture } from '../testing/platform-fixture.js'
import { cartWith, manualClock } from '../testing/test-platform.js'

const SECRET = 'whsec_test_secret'
const fx = usePlatformFixture()

let seed = 0

function setup(safeguards: Record<string, boolean> = {}) {
  const clock = manualClock()
  // A fresh seed per app: two apps on one database must not draw the same ids.
  const app = fx.app({ webhookSecret: SECRET, pspTimeoutMs: 300, safeguards, seed: ++seed }, clock)
  return { app, clock }
}

/** Leaves an order `payment_pending` (the PSP answered 500 twice) and returns its id. */
async function pendingOrder(app: ReturnType<typeof setup>['app']): Promise<string> {
  fx.psp.fault('error-500', 2)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': `pending-${Math.random()}` },
    payload: { cartId: await cartWith(app), paymentMethod: 'pm_card_visa' },
  })
  expect(res.statusCode).toBe(502)
  return (res.json() as { orderId: string }).orderId
}

function succeededEvent(orderId: string, id = 'evt_1') {
  return intentEvent('payment_intent.succeeded', orderId, id)
}

function intentEvent(type: string, orderId: string, id: string, intentId = 'pi_from_webhook') {
  return JSON.stringify({
    id,
    object: 'event',
    type,
    data: { object: { id: intentId, object: 'payment_intent', metadata: { order_id: orderId } } },
  })
}

const processedCounts = async (app: ReturnType<typeof setup>['app']) =>
  new Map(
    (
      (await app.inject({ method: 'GET', url: '/__admin/webhooks' })).json() as {
        events: { id: string; processedCount: number }[]
      }
    ).events.map((e) => [e.id, e.processedCount]),
  )

function deliver(app: ReturnType<typeof setup>['app'], payload: string, atMs: number, secret = SECRET) {
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    timestamp: Math.floor(atMs / 1000),
  })
  return app.inject({
    method: 'POST',
    url: '/v1/webhooks/psp',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    payload,
  })
}

const orderStatus = async (app: ReturnType<typeof setup>['app'], id: string) =>
  (
    (await app.inject({ method: 'GET', url: `/v1/orders/${id}` })).json() as {
      order: { status: string; paymentIntentIds: string[] }
    }
  ).order

describe('POST /v1/webhooks/psp', () => {
  it('pays a payment_pending order on a signed payment_intent.succeeded', async () => {
    const { app, clock } = setup()
    const orderId = await pendingOrder(app)
    const res = await deliver(app, succeededEvent(orderId), clock.now())
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ received: true, outcome: 'processed' })
    expect(await orderStatus(app, orderId)).toMatchObject({
      status: 'paid',
      paymentIntentIds: ['pi_from_webhook'],
    })
  })

  it('refuses a forged signature with 400 WEBHOOK_SIGNATURE_INVALID and changes nothing', async () => {
    const { app, clock } = setup()
    const orderId = await pendingOrder(app)
    const res = await deliver(app, succeededEvent(orderId), clock.now(), 'whsec_forger')
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' })
    expect((await orderStatus(app, orderId)).status).toBe('payment_pending')
  })

  it('refuses a signature older than the tolerance', async () => {
    const { app, clock } = setup()
    const orderId = await pendingOrder(app)
    const sentAt = clock.now()
    clock.advance(301_000)
    const res = await deliver(app, succeededEvent(orderId), sentAt)
    expect(res.statusCode).toBe(400)
  })

  it('accepts a forged event when webhook-signature is off', async () => {
    const { app, clock } = setup({ 'webhook-signature': false })
    const orderId = await pendingOrder(app)
    const res = await deliver(app, succeededEvent(orderId), clock.now(), 'whsec_forger')
    expect(res.statusCode).toBe(200)
    expect((await orderStatus(app, orderId)).status).toBe('paid')
  })

  it('processes a redelivered event once with webhook-dedupe on, and twice with it off', async () => {
    for (const dedupe of [true, false]) {
      const { app, clock } = setup({ 'webhook-dedupe': dedupe })
      const orderId = await pendingOrder(app)
      const payload = succeededEvent(orderId, `evt_dup_${dedupe}`)
      await deliver(app, payload, clock.now())
      const again = await deliver(app, payload, clock.now())
      expect(again.json()).toEqual({ received: true, outcome: dedupe ? 'duplicate' : 'processed' })
      const admin = (await app.inject({ method: 'GET', url: '/__admin/webhooks' })).json() as {
        events: { id: string; processedCount: number }[]
      }
      expect(admin.events.find((e) => e.id === `evt_dup_${dedupe}`)?.processedCount).toBe(dedupe ? 1 : 2)
    }
  })

  it('answers a checkout retry from the order a webhook paid', async () => {
    const { app, clock } = setup()
    fx.psp.fault('error-500', 2)
    const cartId = await cartWith(app)
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/v1/checkouts',
        headers: { 'idempotency-key': 'paid-by-webhook' },
        payload: { cartId, paymentMethod: 'pm_card_visa' },
      })
    const first = await send()
    const { orderId } = first.json() as { orderId: string }
    await deliver(app, succeededEvent(orderId), clock.now())
    const retry = await send()
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toMatchObject({
      order: { id: orderId, status: 'paid', paymentIntentId: 'pi_from_webhook' },
    })
    expect(fx.psp.charges).toHaveLength(0)
  })

  it('records the intent of any payment_intent event on its order once, without paying it', async () => {
    const { app, clock } = setup()
    const orderId = await pendingOrder(app)
    const created = await deliver(app, intentEvent('payment_intent.created', orderId, 'evt_c1'), clock.now())
    expect(created.json()).toEqual({ received: true, outcome: 'processed' })
    await deliver(
      app,
      intentEvent('payment_intent.amount_capturable_updated', orderId, 'evt_c2'),
      clock.now(),
    )
    expect(await orderStatus(app, orderId)).toMatchObject({
      status: 'payment_pending',
      paymentIntentIds: ['pi_from_webhook'],
    })
    const unknown = await deliver(
      app,
      intentEvent('payment_intent.created', 'ord_nope', 'evt_c3'),
      clock.now(),
    )
    expect(unknown.json()).toEqual({ received: true, outcome: 'ignored' })
    const charge = JSON.stringify({
      id: 'evt_c4',
      type: 'charge.succeeded',
      data: { object: { id: 'ch_1' } },
    })
    expect((await deliver(app, charge, clock.now())).json()).toEqual({ received: true, outcome: 'ignored' })
    expect((await deliver(app, charge, clock.now())).json()).toEqual({ received: true, outcome: 'duplicate' })
    const counts = await processedCounts(app)
    expect([...counts.keys()].sort()).toEqual(['evt_c1', 'evt_c2', 'evt_c3', 'evt_c4'])
  })

  it('counts a redelivered payment_intent.created once with webhook-dedupe on, and twice with it off', async () => {
    for (const dedupe of [true, false]) {
      const { app, clock } = setup({ 'webhook-dedupe': dedupe })
      const orderId = await pendingOrder(app)
      const payload = intentEvent('payment_intent.created', orderId, `evt_created_${dedupe}`)
      await deliver(app, payload, clock.now())
      const again = await deliver(app, payload, clock.now())
      expect(again.json()).toEqual({ received: true, outcome: dedupe ? 'duplicate' : 'processed' })
      expect((await processedCounts(app)).get(`evt_created_${dedupe}`)).toBe(dedupe ? 1 : 2)
      expect((await orderStatus(app, orderId)).paymentIntentIds).toEqual(['pi_from_webhook'])
    }
  })

  it('records a payment_intent.succeeded for an order no longer payment_pending without paying it again', async () => {
    const { app, clock } = setup()
    const orderId = await pendingOrder(app)
    await deliver(app, succeededEvent(orderId, 'evt_s1'), clock.now())
    const transitions = async () =>
      (await fx.db.query('SELECT 1 FROM order_transitions WHERE order_id = $1', [orderId])).rows.length
    const before = await transitions()
    const late = await deliver(
      app,
      intentEvent('payment_intent.succeeded', orderId, 'evt_s2', 'pi_second'),
      clock.now(),
    )
    expect(late.json()).toEqual({ received: true, outcome: 'processed' })
    expect(await orderStatus(app, orderId)).toMatchObject({
      status: 'paid',
      paymentIntentIds: ['pi_from_webhook', 'pi_second'],
    })
    expect(await transitions()).toBe(before)
    const outbox = await fx.db.query('SELECT 1 FROM outbox WHERE order_id = $1', [orderId])
    expect(outbox.rows).toHaveLength(1)
  })
})
