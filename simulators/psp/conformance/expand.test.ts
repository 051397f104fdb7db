import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPsp } from '../start-psp.js'
import { rejection, startHarness, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

const nope = { expand: ['nope'] }

/** Every kind of call the official client makes that takes `expand`, each asking for `nope`. */
const calls: Array<[string, (stripe: Stripe) => Promise<unknown>]> = [
  ['paymentIntents.create', (s) => s.paymentIntents.create({ amount: 1000, currency: 'usd', ...nope })],
  ['paymentIntents.retrieve', (s) => s.paymentIntents.retrieve('pi_missing', nope)],
  ['paymentIntents.update', (s) => s.paymentIntents.update('pi_missing', nope)],
  ['paymentIntents.confirm', (s) => s.paymentIntents.confirm('pi_missing', nope)],
  ['paymentIntents.capture', (s) => s.paymentIntents.capture('pi_missing', nope)],
  ['paymentIntents.cancel', (s) => s.paymentIntents.cancel('pi_missing', nope)],
  ['paymentIntents.list', (s) => s.paymentIntents.list(nope)],
  ['refunds.create', (s) => s.refunds.create({ payment_intent: 'pi_missing', ...nope })],
  ['refunds.retrieve', (s) => s.refunds.retrieve('re_missing', nope)],
  ['refunds.list', (s) => s.refunds.list(nope)],
  ['charges.retrieve', (s) => s.charges.retrieve('ch_missing', nope)],
  ['charges.list', (s) => s.charges.list(nope)],
  ['customers.create', (s) => s.customers.create(nope)],
  ['customers.retrieve', (s) => s.customers.retrieve('cus_missing', nope)],
  ['customers.list', (s) => s.customers.list(nope)],
  ['customers.listPaymentMethods', (s) => s.customers.listPaymentMethods('cus_missing', nope)],
  ['paymentMethods.create', (s) => s.paymentMethods.create({ type: 'card', ...nope })],
  ['paymentMethods.retrieve', (s) => s.paymentMethods.retrieve('pm_missing', nope)],
  ['paymentMethods.attach', (s) => s.paymentMethods.attach('pm_missing', { customer: 'cus_x', ...nope })],
  ['events.retrieve', (s) => s.events.retrieve('evt_missing', nope)],
  ['events.list', (s) => s.events.list(nope)],
  [
    'webhookEndpoints.create',
    (s) => s.webhookEndpoints.create({ url: 'http://127.0.0.1:9/x', ...nope } as never),
  ],
  ['webhookEndpoints.retrieve', (s) => s.webhookEndpoints.retrieve('we_missing', nope)],
  ['webhookEndpoints.update', (s) => s.webhookEndpoints.update('we_missing', nope)],
  ['webhookEndpoints.list', (s) => s.webhookEndpoints.list(nope)],
]

describe('expand[] conformance (official stripe client)', () => {
  it.each(calls)(
    '%s refuses an unknown expand[] with a 400 naming it, before looking anything up',
    async (_name, call) => {
      const error = await rejection(call(h.stripe))
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
      expect(error).toMatchObject({
        statusCode: 400,
        type: 'StripeInvalidRequestError',
        message: 'This property cannot be expanded (nope).',
        param: 'expand[0]',
      })
      expect(await h.ledger()).toEqual([])
    },
  )

  it('refuses an unknown expand[] on every Stripe route the simulator serves', async () => {
    const routes = createPsp().routes
    expect(routes.length).toBeGreaterThan(20)
    for (const route of routes) {
      const url = `${h.psp.url}${route.path.replace(/:(\w+)/g, 'x_missing')}`
      const query = 'expand[0]=nope'
      const res = await fetch(route.method === 'POST' ? url : `${url}?${query}`, {
        method: route.method,
        headers: { authorization: 'Bearer sk_test_123', 'content-type': 'application/x-www-form-urlencoded' },
        ...(route.method === 'POST' ? { body: query } : {}),
      })
      expect([route.method, route.path, res.status]).toEqual([route.method, route.path, 400])
      expect(await res.json()).toEqual({
        error: {
          type: 'invalid_request_error',
          message: 'This property cannot be expanded (nope).',
          param: 'expand[0]',
        },
      })
    }
  })

  it('names the failing path, its index and the first level that cannot be expanded', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    const cases: Array<[string[], string, string]> = [
      [
        ['latest_charge', 'latest_charge.nope'],
        'expand[1]',
        'This property cannot be expanded (latest_charge.nope).',
      ],
      [['data.latest_charge'], 'expand[0]', 'This property cannot be expanded (data).'],
      [['customer.email'], 'expand[0]', 'This property cannot be expanded (customer.email).'],
      [['metadata'], 'expand[0]', 'This property cannot be expanded (metadata).'],
      [
        ['latest_charge.payment_intent.latest_charge.payment_intent.customer'],
        'expand[0]',
        'You cannot expand more than 4 levels of a property.',
      ],
    ]
    for (const [expand, param, message] of cases)
      expect(await rejection(h.stripe.paymentIntents.retrieve(pi.id, { expand }))).toMatchObject({
        statusCode: 400,
        param,
        message,
      })
  })

  it('wants list expansions under data., and says so', async () => {
    await h.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    expect(await rejection(h.stripe.paymentIntents.list({ expand: ['latest_charge'] }))).toMatchObject({
      statusCode: 400,
      param: 'expand[0]',
      message:
        "This property cannot be expanded (latest_charge). You may want to try expanding 'data.latest_charge' instead.",
    })
    expect(await rejection(h.stripe.paymentIntents.list({ expand: ['data.nope'] }))).toMatchObject({
      message: 'This property cannot be expanded (data.nope).',
    })
    const listed = await h.stripe.paymentIntents.list({ expand: ['data.latest_charge'] })
    expect((listed.data[0]?.latest_charge as Stripe.Charge).object).toBe('charge')
  })

  it('expands nested paths level by level', async () => {
    const customer = await h.stripe.customers.create({ email: 'nested@example.com' })
    const pm = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    const pi = await h.stripe.paymentIntents.create({
      amount: 1200,
      currency: 'usd',
      customer: customer.id,
      payment_method: pm.id,
      confirm: true,
    })
    const got = await h.stripe.paymentIntents.retrieve(pi.id, {
      expand: ['latest_charge.payment_intent', 'payment_method.customer'],
    })
    const charge = got.latest_charge as Stripe.Charge
    expect(charge.object).toBe('charge')
    expect((charge.payment_intent as Stripe.PaymentIntent).id).toBe(pi.id)
    // Only what was asked for is expanded at each level.
    expect((charge.payment_intent as Stripe.PaymentIntent).latest_charge).toBe(charge.id)
    const method = got.payment_method as Stripe.PaymentMethod
    expect((method.customer as Stripe.Customer).email).toBe('nested@example.com')
    expect(got.customer).toBe(customer.id)
    const refund = await h.stripe.refunds.create({ payment_intent: pi.id, expand: ['charge.payment_intent'] })
    expect(((refund.charge as Stripe.Charge).payment_intent as Stripe.PaymentIntent).status).toBe('succeeded')
  })

  it('saves nothing under the idempotency key when expand[] is refused', async () => {
    const params = { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }
    const refused = await rejection(
      h.stripe.paymentIntents.create({ ...params, expand: ['nope'] }, { idempotencyKey: 'expand-1' }),
    )
    expect(refused).toMatchObject({ statusCode: 400, param: 'expand[0]' })
    expect(await h.ledger()).toEqual([])
    const ok = await h.stripe.paymentIntents.create(
      { ...params, expand: ['latest_charge'] },
      { idempotencyKey: 'expand-1' },
    )
    expect(ok.lastResponse.headers['idempotent-replayed']).toBeUndefined()
    expect((ok.latest_charge as Stripe.Charge).paid).toBe(true)
  })
})
