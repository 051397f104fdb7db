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

describe('Charges create, update and capture conformance', () => {
  it('charges a test token at once: captured, with a balance transaction and ledger entries', async () => {
    const charge = await h.stripe.charges.create(
      {
        amount: 2500,
        currency: 'usd',
        source: 'tok_visa',
        description: 'Mug',
        metadata: { order_id: 'ord_c' },
      },
      { idempotencyKey: 'ch-1' },
    )
    expect(charge).toMatchObject({
      object: 'charge',
      status: 'succeeded',
      captured: true,
      amount_captured: 2500,
      payment_intent: null,
      description: 'Mug',
      disputed: false,
    })
    expect(charge.balance_transaction).toMatch(/^txn_/)
    const ledger = (await h.ledger()).filter((e) => e.paymentIntentId === charge.id)
    expect(ledger.map((e) => [e.type, e.amount, e.idempotencyKey])).toEqual([
      ['authorization', 2500, 'ch-1'],
      ['capture', 2500, 'ch-1'],
    ])
    const updated = await h.stripe.charges.update(charge.id, {
      description: 'Two mugs',
      metadata: { k: 'v' },
    })
    expect(updated).toMatchObject({ description: 'Two mugs', metadata: { order_id: 'ord_c', k: 'v' } })
  })

  it('authorises with capture=false and captures part later, once', async () => {
    const charge = await h.stripe.charges.create({
      amount: 3000,
      currency: 'usd',
      source: 'tok_mastercard',
      capture: false,
    })
    expect(charge).toMatchObject({ captured: false, balance_transaction: null })
    const captured = await h.stripe.charges.capture(charge.id, { amount: 2000 })
    expect(captured).toMatchObject({ captured: true, amount_captured: 2000 })
    const again = await rejection(h.stripe.charges.capture(charge.id))
    expect(again).toMatchObject({
      statusCode: 400,
      code: 'charge_already_captured',
      message: `Charge ${charge.id} has already been captured.`,
    })
  })

  it('declines a declining token with a 402 naming the failed charge', async () => {
    const declined = (await rejection(
      h.stripe.charges.create({ amount: 1000, currency: 'usd', source: 'tok_chargeDeclined' }),
    )) as Stripe.errors.StripeCardError
    expect(declined).toMatchObject({
      statusCode: 402,
      code: 'card_declined',
      decline_code: 'generic_decline',
    })
    const failed = await h.stripe.charges.retrieve((declined.raw as { charge: string }).charge)
    expect(failed).toMatchObject({ status: 'failed', failure_code: 'card_declined', paid: false })
  })

  it("charges a customer's default card source, and refuses one without a card", async () => {
    const customer = await h.stripe.customers.create({ source: 'tok_visa' } as Stripe.CustomerCreateParams)
    const charge = await h.stripe.charges.create({ amount: 1200, currency: 'usd', customer: customer.id })
    expect(charge).toMatchObject({ status: 'succeeded', customer: customer.id })
    const bare = await h.stripe.customers.create({})
    expect(
      await rejection(h.stripe.charges.create({ amount: 1200, currency: 'usd', customer: bare.id })),
    ).toMatchObject({
      statusCode: 402,
      type: 'StripeCardError',
      code: 'missing',
      message: 'Cannot charge a customer that has no active card',
    })
  })

  it('opens a dispute for tok_createDispute and refuses bad input', async () => {
    const charge = await h.stripe.charges.create({
      amount: 5000,
      currency: 'usd',
      source: 'tok_createDispute',
    })
    expect((await h.stripe.charges.retrieve(charge.id)).disputed).toBe(true)
    expect(await rejection(h.stripe.charges.create({ amount: 5000, currency: 'usd' }))).toMatchObject({
      statusCode: 400,
      message: 'Must provide source or customer.',
    })
    expect(
      await rejection(h.stripe.charges.create({ amount: 5000, currency: 'usd', source: 'tok_nope' })),
    ).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such token: 'tok_nope'" })
    expect(
      await rejection(h.stripe.charges.create({ amount: 10, currency: 'usd', source: 'tok_visa' })),
    ).toMatchObject({
      code: 'amount_too_small',
    })
    const pi = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
      confirm: true,
    })
    expect(await rejection(h.stripe.charges.capture(pi.latest_charge as string))).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
    })
  })
})
