import type Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

describe('SetupIntents conformance', () => {
  it('saves a card for later: created, confirmed, attached to the customer', async () => {
    const customer = await h.stripe.customers.create({ email: 'si@example.com' })
    const si = await h.stripe.setupIntents.create({ customer: customer.id, metadata: { k: 'v' } })
    expect(si).toMatchObject({
      object: 'setup_intent',
      status: 'requires_payment_method',
      usage: 'off_session',
      automatic_payment_methods: { enabled: true, allow_redirects: 'always' },
      payment_method_types: ['card', 'link'],
      customer: customer.id,
    })
    expect(si.id).toMatch(/^seti_/)
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_`))
    const withPm = await h.stripe.setupIntents.update(si.id, { payment_method: 'pm_card_visa' })
    expect(withPm.status).toBe('requires_confirmation')
    const done = await h.stripe.setupIntents.confirm(si.id, { expand: ['payment_method'] })
    expect(done.status).toBe('succeeded')
    const pm = done.payment_method as Stripe.PaymentMethod
    expect(pm).toMatchObject({ customer: customer.id, card: { last4: '4242' } })
    const saved = await h.stripe.customers.listPaymentMethods(customer.id)
    expect(saved.data.map((m) => m.id)).toContain(pm.id)
    const types = (await h.stripe.events.list({ limit: 20 })).data.map((e) => e.type)
    expect(types).toEqual(
      expect.arrayContaining(['setup_intent.created', 'setup_intent.succeeded', 'payment_method.attached']),
    )
    expect(await rejection(h.stripe.setupIntents.cancel(si.id))).toMatchObject({
      statusCode: 400,
      code: 'setup_intent_unexpected_state',
    })
  })

  it('sends a card that needs 3-D Secure to requires_action, then succeeds when authenticated', async () => {
    const si = await h.stripe.setupIntents.create({
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      usage: 'on_session',
      allowed_payment_method_types: ['card'],
    })
    expect(si).toMatchObject({
      status: 'requires_action',
      next_action: { type: 'use_stripe_sdk' },
      automatic_payment_methods: null,
    })
    const res = await h.admin(`/setup_intents/${si.id}/authenticate`, {
      method: 'POST',
      body: JSON.stringify({ result: 'succeed' }),
    })
    expect(((await res.json()) as { status: string }).status).toBe('succeeded')
    expect((await h.stripe.setupIntents.retrieve(si.id)).status).toBe('succeeded')
  })

  it('answers a declined card with a 402 and last_setup_error, and can be canceled', async () => {
    const si = await h.stripe.setupIntents.create({ payment_method: 'pm_card_visa_chargeDeclined' })
    const declined = await rejection(h.stripe.setupIntents.confirm(si.id))
    expect(declined).toMatchObject({
      statusCode: 402,
      code: 'card_declined',
      decline_code: 'generic_decline',
    })
    const after = await h.stripe.setupIntents.retrieve(si.id)
    expect(after).toMatchObject({
      status: 'requires_payment_method',
      last_setup_error: { code: 'card_declined' },
    })
    const canceled = await h.stripe.setupIntents.cancel(si.id, { cancellation_reason: 'abandoned' })
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' })
    expect(await rejection(h.stripe.setupIntents.confirm(si.id))).toMatchObject({
      statusCode: 400,
      code: 'setup_intent_unexpected_state',
      message:
        'You cannot confirm this SetupIntent because it has a status of canceled. Only a SetupIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation, requires_action.',
    })
  })

  it('lists by customer and refuses bad input as Stripe does', async () => {
    const customer = await h.stripe.customers.create({})
    const mine = await h.stripe.setupIntents.create({ customer: customer.id })
    await h.stripe.setupIntents.create({})
    const listed = await h.stripe.setupIntents.list({ customer: customer.id })
    expect(listed.data.map((s) => s.id)).toEqual([mine.id])
    expect((await h.stripe.setupIntents.list()).data).toHaveLength(2)
    expect(await rejection(h.stripe.setupIntents.retrieve('seti_nope'))).toMatchObject({
      statusCode: 404,
      message: "No such setup_intent: 'seti_nope'",
    })
    expect(await rejection(h.stripe.setupIntents.confirm(mine.id))).toMatchObject({
      statusCode: 400,
      param: 'payment_method',
      code: 'setup_intent_unexpected_state',
    })
    expect(
      await rejection(h.stripe.setupIntents.create({ allowed_payment_method_types: ['bogus' as 'card'] })),
    ).toMatchObject({
      statusCode: 400,
      message:
        'The payment method type "bogus" is invalid. See https://stripe.com/docs/api/setup_intents/create#create_setup_intent-payment_method_types for the full list of supported payment method types.',
    })
    expect(
      await rejection(
        h.stripe.setupIntents.create({
          automatic_payment_methods: { enabled: true },
          allowed_payment_method_types: ['card'],
        }),
      ),
    ).toMatchObject({
      statusCode: 400,
      message:
        'You may only specify one of these parameters: automatic_payment_methods, allowed_payment_method_types.',
    })
  })
})
