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

const held = (payment_method: string, incremental = true): Promise<Stripe.PaymentIntent> =>
  h.stripe.paymentIntents.create({
    amount: 1000,
    currency: 'usd',
    payment_method,
    capture_method: 'manual',
    confirm: true,
    ...(incremental
      ? { payment_method_options: { card: { request_incremental_authorization: 'if_available' } } }
      : {}),
  })

describe('PaymentIntent extras conformance', () => {
  it('defaults automatic_payment_methods when a create names no types, and refuses both', async () => {
    const auto = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' })
    expect(auto).toMatchObject({
      automatic_payment_methods: { enabled: true, allow_redirects: 'always' },
      payment_method_types: ['card', 'link'],
    })
    const never = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    })
    expect(never.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'never' })
    const typed = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      allowed_payment_method_types: ['card'],
    })
    expect(typed).toMatchObject({ automatic_payment_methods: null, payment_method_types: ['card'] })
    expect(
      await rejection(
        h.stripe.paymentIntents.create({
          amount: 1000,
          currency: 'usd',
          allowed_payment_method_types: ['card'],
          automatic_payment_methods: { enabled: true },
        }),
      ),
    ).toMatchObject({
      statusCode: 400,
      code: 'parameters_exclusive',
      message:
        'You may only specify one of these parameters: automatic_payment_methods, allowed_payment_method_types.',
    })
  })

  it('creates a card PaymentMethod from payment_method_data and refuses p24 in usd', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      payment_method_data: {
        type: 'card',
        card: { token: 'tok_visa' },
      } as Stripe.PaymentIntentCreateParams.PaymentMethodData,
      confirm: true,
      expand: ['payment_method'],
    })
    expect(pi.status).toBe('succeeded')
    expect(pi.payment_method as Stripe.PaymentMethod).toMatchObject({ type: 'card', card: { last4: '4242' } })
    const p24 = await rejection(
      h.stripe.paymentIntents.create({
        amount: 1500,
        currency: 'usd',
        allowed_payment_method_types: ['p24'],
      }),
    )
    expect(p24).toMatchObject({
      statusCode: 400,
      message:
        'The currency provided (usd) is invalid for one or more payment method types on this PaymentIntent. The payment method type p24 only supports the following currencies: eur, pln. Either correct the provided currency, or use a different PaymentIntent to accept this payment method type.',
    })
    const viaData = await rejection(
      h.stripe.paymentIntents.create({
        amount: 1500,
        currency: 'usd',
        payment_method_data: { type: 'p24', p24: { bank: 'ing' } },
      }),
    )
    expect(viaData?.message).toContain(
      'The payment method type p24 only supports the following currencies: eur, pln.',
    )
  })

  it('increments an authorization requested at confirm, and refuses one that was not', async () => {
    const pi = await held('pm_card_visa')
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string)
    expect(charge.payment_method_details?.card?.incremental_authorization).toEqual({ status: 'available' })
    const raised = await h.stripe.paymentIntents.incrementAuthorization(pi.id, { amount: 1800 })
    expect(raised).toMatchObject({ amount: 1800, amount_capturable: 1800, status: 'requires_capture' })
    expect(
      await rejection(h.stripe.paymentIntents.incrementAuthorization(pi.id, { amount: 1500 })),
    ).toMatchObject({
      statusCode: 400,
      param: 'amount',
    })
    const captured = await h.stripe.paymentIntents.capture(pi.id)
    expect(captured.amount_received).toBe(1800)
    expect(
      await rejection(h.stripe.paymentIntents.incrementAuthorization(pi.id, { amount: 2000 })),
    ).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
    })
    const plain = await held('pm_card_visa', false)
    expect(
      await rejection(h.stripe.paymentIntents.incrementAuthorization(plain.id, { amount: 2000 })),
    ).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
    })
    const authorizations = (await h.ledger()).filter(
      (e) => e.type === 'authorization' && e.paymentIntentId === pi.id,
    )
    expect(authorizations.map((e) => e.amount)).toEqual([1000, 800])
  })

  it('refuses apply_customer_balance and verify_microdeposits on a card intent', async () => {
    const pi = await held('pm_card_visa', false)
    expect(await rejection(h.stripe.paymentIntents.applyCustomerBalance(pi.id))).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
    })
    expect(
      await rejection(h.stripe.paymentIntents.verifyMicrodeposits(pi.id, { amounts: [32, 45] })),
    ).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' })
    expect(await rejection(h.stripe.paymentIntents.applyCustomerBalance('pi_nope'))).toMatchObject({
      statusCode: 404,
    })
  })
})
