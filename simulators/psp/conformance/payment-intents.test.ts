import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

describe('PaymentIntents conformance (official stripe client)', () => {
  it('creates an unconfirmed intent, updates it, then confirms it', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      metadata: { order_id: 'o1' },
    })
    expect(pi).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      amount: 1000,
      livemode: false,
    })
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`))
    const updated = await h.stripe.paymentIntents.update(pi.id, {
      amount: 1200,
      payment_method: 'pm_card_visa',
      metadata: { order_id: '', note: 'x' },
    })
    expect(updated).toMatchObject({ amount: 1200, status: 'requires_confirmation', metadata: { note: 'x' } })
    const confirmed = await h.stripe.paymentIntents.confirm(pi.id)
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 1200 })
    expect((await h.ledger()).map((e) => [e.type, e.amount])).toEqual([
      ['authorization', 1200],
      ['capture', 1200],
    ])
  })

  it('refuses to confirm a succeeded intent again and never charges twice', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 900,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    const error = await rejection(h.stripe.paymentIntents.confirm(pi.id))
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(error?.code).toBe('payment_intent_unexpected_state')
    expect((await h.ledger()).filter((e) => e.type === 'capture')).toHaveLength(1)
  })

  it('stops at requires_capture with manual capture and captures part of the amount', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'eur',
      payment_method: 'pm_card_mastercard',
      capture_method: 'manual',
      confirm: true,
    })
    expect(pi).toMatchObject({ status: 'requires_capture', amount_capturable: 5000 })
    const tooMuch = await rejection(h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 6000 }))
    expect(tooMuch?.param).toBe('amount_to_capture')
    const captured = await h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3000 })
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 3000, amount_capturable: 0 })
    expect((await h.ledger()).map((e) => [e.type, e.amount, e.currency])).toEqual([
      ['authorization', 5000, 'eur'],
      ['capture', 3000, 'eur'],
    ])
    const again = await rejection(h.stripe.paymentIntents.capture(pi.id))
    expect(again?.code).toBe('payment_intent_unexpected_state')
  })

  it('cancels an authorised intent, releasing the hold, and refuses to cancel a succeeded one', async () => {
    const held = await h.stripe.paymentIntents.create({
      amount: 700,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
      confirm: true,
    })
    const canceled = await h.stripe.paymentIntents.cancel(held.id, { cancellation_reason: 'abandoned' })
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' })
    expect(canceled.canceled_at).toEqual(expect.any(Number))
    expect((await h.ledger()).at(-1)).toMatchObject({ type: 'cancel', amount: 700, paymentIntentId: held.id })
    const paid = await h.stripe.paymentIntents.create({
      amount: 700,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    expect((await rejection(h.stripe.paymentIntents.cancel(paid.id)))?.code).toBe(
      'payment_intent_unexpected_state',
    )
  })

  it('retrieves with expand[] and sets latest_charge', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    const got = await h.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge', 'payment_method'] })
    const charge = got.latest_charge as Stripe.Charge
    expect(charge).toMatchObject({
      object: 'charge',
      amount: 1500,
      captured: true,
      paid: true,
      payment_intent: pi.id,
    })
    expect((got.payment_method as Stripe.PaymentMethod).card?.last4).toBe('4242')
    const missing = await rejection(h.stripe.paymentIntents.retrieve('pi_missing'))
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })

  it('lists newest first with cursor pagination', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++)
      ids.push((await h.stripe.paymentIntents.create({ amount: 100 + i, currency: 'usd' })).id)
    const first = await h.stripe.paymentIntents.list({ limit: 2 })
    expect(first.data.map((p) => p.id)).toEqual([ids[4], ids[3]])
    expect(first.has_more).toBe(true)
    const second = await h.stripe.paymentIntents.list({ limit: 2, starting_after: ids[3] })
    expect(second.data.map((p) => p.id)).toEqual([ids[2], ids[1]])
    const back = await h.stripe.paymentIntents.list({ limit: 2, ending_before: ids[2] })
    expect(back.data.map((p) => p.id)).toEqual([ids[4], ids[3]])
    const all = await h.stripe.paymentIntents.list({ limit: 2 }).autoPagingToArray({ limit: 100 })
    expect(all.map((p) => p.id)).toEqual([...ids].reverse())
  })

  it.each([
    ['pm_card_visa_chargeDeclined', 'card_declined', 'generic_decline'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
    ['pm_card_visa_chargeDeclinedLostCard', 'card_declined', 'lost_card'],
    ['pm_card_visa_chargeDeclinedStolenCard', 'card_declined', 'stolen_card'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
    ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc'],
    ['pm_card_chargeDeclinedProcessingError', 'processing_error', 'processing_error'],
    ['pm_card_radarBlock', 'card_declined', 'fraudulent'],
  ])('declines %s with %s / %s and records no money', async (pm, code, declineCode) => {
    const error = (await rejection(
      h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: pm, confirm: true }),
    )) as Stripe.errors.StripeCardError
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError)
    expect(error).toMatchObject({ statusCode: 402, type: 'StripeCardError', code, decline_code: declineCode })
    expect(error.doc_url).toMatch(/^https:\/\/stripe\.com\/docs\/error-codes\//)
    expect(error.requestId).toMatch(/^req_/)
    const pi = await h.stripe.paymentIntents.retrieve(error.payment_intent?.id ?? '')
    expect(pi.status).toBe('requires_payment_method')
    expect(pi.last_payment_error).toMatchObject({ type: 'card_error', code })
    expect(await h.ledger()).toEqual([])
  })

  it.each(['pm_card_threeDSecure2Required', 'pm_card_authenticationRequired'])(
    'asks %s for authentication',
    async (pm) => {
      const pi = await h.stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: pm,
        confirm: true,
      })
      expect(pi.status).toBe('requires_action')
      expect(pi.next_action?.type).toBe('use_stripe_sdk')
      expect(await h.ledger()).toEqual([])
    },
  )
})

describe('3-D Secure completion (admin)', () => {
  it('succeeds or fails authentication of an intent in requires_action', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_threeDSecure2Required',
      confirm: true,
    })
    const ok = await h.admin(`/payment_intents/${pi.id}/authenticate`, {
      method: 'POST',
      body: JSON.stringify({ result: 'succeed' }),
    })
    expect(((await ok.json()) as { status: string }).status).toBe('succeeded')
    expect((await h.ledger()).map((e) => e.type)).toEqual(['authorization', 'capture'])
    const other = await h.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
    })
    await h.admin(`/payment_intents/${other.id}/authenticate`, {
      method: 'POST',
      body: JSON.stringify({ result: 'fail' }),
    })
    const failed = await h.stripe.paymentIntents.retrieve(other.id)
    expect(failed.status).toBe('requires_payment_method')
    expect(failed.last_payment_error?.code).toBe('payment_intent_authentication_failure')
  })
})
