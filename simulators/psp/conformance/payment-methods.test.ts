import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../lib/clock.js'
import { rejection, startHarness, type Harness } from './harness.js'

/** 2030-06-15: expiry is judged by the simulator's clock, not the machine's. */
const june2030 = Date.UTC(2030, 5, 15)

let h: Harness
afterEach(async () => {
  await h.close()
})

const card = (exp_month: number, exp_year: number) => ({
  type: 'card' as const,
  card: { number: '4242424242424242', exp_month, exp_year, cvc: '123' },
})

describe('PaymentMethods: expiry, update, detach, list', () => {
  it('refuses a past expiry by the simulator clock with a 402 card_error', async () => {
    h = await startHarness({ clock: manualClock(june2030) })
    const year = await rejection(h.stripe.paymentMethods.create(card(12, 2029)))
    expect(year).toMatchObject({
      statusCode: 402,
      type: 'StripeCardError',
      code: 'invalid_expiry_year',
      param: 'exp_year',
      message: "Your card's expiration year is invalid.",
    })
    const month = await rejection(h.stripe.paymentMethods.create(card(5, 2030)))
    expect(month).toMatchObject({
      statusCode: 402,
      code: 'invalid_expiry_month',
      message: "Your card's expiration month is invalid.",
    })
    expect(await rejection(h.stripe.paymentMethods.create(card(13, 2031)))).toMatchObject({
      code: 'invalid_expiry_month',
    })
    expect(await rejection(h.stripe.paymentMethods.create(card(1, 2081)))).toMatchObject({
      code: 'invalid_expiry_year',
    })
    expect((await h.stripe.paymentMethods.create(card(6, 2030))).card?.exp_month).toBe(6)
  })

  it('updates an attached method and refuses to update a detached one', async () => {
    h = await startHarness({ clock: manualClock(june2030) })
    const pm = await h.stripe.paymentMethods.create(card(12, 2032))
    const detached = await rejection(h.stripe.paymentMethods.update(pm.id, { metadata: { a: '1' } }))
    expect(detached).toMatchObject({
      statusCode: 400,
      message: 'You must save this PaymentMethod to a customer before you can update it.',
    })
    const c = await h.stripe.customers.create({})
    await h.stripe.paymentMethods.attach(pm.id, { customer: c.id })
    const updated = await h.stripe.paymentMethods.update(pm.id, {
      metadata: { a: '1' },
      billing_details: { name: 'Ada', address: { postal_code: '94107' } },
      card: { exp_month: 3, exp_year: 2033 },
    })
    expect(updated).toMatchObject({
      metadata: { a: '1' },
      billing_details: { name: 'Ada', email: null, address: { postal_code: '94107', city: null } },
      card: { exp_month: 3, exp_year: 2033, last4: '4242' },
    })
    expect(
      await rejection(h.stripe.paymentMethods.update(pm.id, { card: { exp_month: 1, exp_year: 2030 } })),
    ).toMatchObject({ statusCode: 402, code: 'invalid_expiry_month' })
    expect(await rejection(h.stripe.paymentMethods.update('pm_nope', {}))).toMatchObject({ statusCode: 404 })
  })

  it('detaches once, clears the invoice default, and lists by customer and type', async () => {
    h = await startHarness()
    const c = await h.stripe.customers.create({})
    const a = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: c.id })
    const b = await h.stripe.paymentMethods.attach('pm_card_mastercard', { customer: c.id })
    await h.stripe.customers.update(c.id, { invoice_settings: { default_payment_method: a.id } })
    const loose = await h.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } })
    const mine = await h.stripe.paymentMethods.list({ customer: c.id, type: 'card' })
    expect(mine.data.map((p) => p.id)).toEqual([b.id, a.id])
    expect((await h.stripe.paymentMethods.list({ limit: 100 })).data.map((p) => p.id)).toEqual([
      loose.id,
      b.id,
      a.id,
    ])
    const out = await h.stripe.paymentMethods.detach(a.id)
    expect(out.customer).toBeNull()
    expect((await h.stripe.customers.retrieve(c.id)) as { invoice_settings: unknown }).toMatchObject({
      invoice_settings: { default_payment_method: null },
    })
    expect((await h.stripe.paymentMethods.list({ customer: c.id })).data.map((p) => p.id)).toEqual([b.id])
    expect((await h.stripe.customers.listPaymentMethods(c.id)).data.map((p) => p.id)).toEqual([b.id])
    expect((await rejection(h.stripe.paymentMethods.detach(a.id)))?.message).toBe(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
    )
    expect(await rejection(h.stripe.paymentMethods.list({ customer: 'cus_nope' }))).toMatchObject({
      statusCode: 404,
    })
  })
})
