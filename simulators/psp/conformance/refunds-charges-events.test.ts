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

const paid = (stripe: Stripe, amount = 3000): Promise<Stripe.PaymentIntent> =>
  stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: { order_id: 'ord_r' },
  })

describe('Refunds conformance', () => {
  it('refunds part, then the rest, and refuses more than was captured', async () => {
    const pi = await paid(h.stripe)
    const part = await h.stripe.refunds.create(
      { payment_intent: pi.id, amount: 1000, reason: 'requested_by_customer' },
      { idempotencyKey: 'rf-1' },
    )
    expect(part).toMatchObject({ object: 'refund', amount: 1000, status: 'succeeded', payment_intent: pi.id })
    const tooMuch = await rejection(h.stripe.refunds.create({ payment_intent: pi.id, amount: 2500 }))
    expect(tooMuch).toMatchObject({ statusCode: 400, param: 'amount', code: 'amount_too_large' })
    const rest = await h.stripe.refunds.create({ charge: pi.latest_charge as string })
    expect(rest.amount).toBe(2000)
    const none = await rejection(h.stripe.refunds.create({ payment_intent: pi.id }))
    expect(none?.code).toBe('charge_already_refunded')
    expect((await h.stripe.refunds.retrieve(part.id)).amount).toBe(1000)
    const listed = await h.stripe.refunds.list({ payment_intent: pi.id })
    expect(listed.data.map((r) => r.id)).toEqual([rest.id, part.id])
    const refunds = (await h.ledger()).filter((e) => e.type === 'refund')
    expect(refunds).toEqual([
      expect.objectContaining({ amount: 1000, idempotencyKey: 'rf-1', metadata: { order_id: 'ord_r' } }),
      expect.objectContaining({ amount: 2000 }),
    ])
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string)
    expect(charge).toMatchObject({ amount_refunded: 3000, refunded: true })
  })

  it('refuses to refund an intent that was never captured', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 800, currency: 'usd' })
    expect((await rejection(h.stripe.refunds.create({ payment_intent: pi.id })))?.code).toBe(
      'charge_not_refundable',
    )
    expect((await rejection(h.stripe.refunds.create({ payment_intent: 'pi_nope' })))?.code).toBe(
      'resource_missing',
    )
  })
})

describe('Charges conformance', () => {
  it('retrieves and lists the charges of an intent, with expand', async () => {
    const declined = await rejection(
      h.stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        payment_method: 'pm_card_visa_chargeDeclined',
        confirm: true,
      }),
    )
    const id = (declined as Stripe.errors.StripeCardError).payment_intent?.id ?? ''
    await h.stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_visa' })
    const charges = await h.stripe.charges.list({ payment_intent: id, expand: ['data.payment_intent'] })
    expect(charges.data.map((c) => c.status)).toEqual(['succeeded', 'failed'])
    expect((charges.data[0]?.payment_intent as Stripe.PaymentIntent).status).toBe('succeeded')
    expect(charges.data[1]).toMatchObject({ failure_code: 'card_declined', paid: false })
  })
})

describe('Events conformance', () => {
  it('records an event for each state change and serves them by id and type', async () => {
    const pi = await paid(h.stripe)
    await h.stripe.refunds.create({ payment_intent: pi.id })
    const all = await h.stripe.events.list({ limit: 100 })
    expect(all.data.map((e) => e.type)).toEqual([
      'charge.refunded',
      'refund.created',
      'payment_intent.succeeded',
      'charge.succeeded',
      'payment_intent.created',
    ])
    const succeeded = await h.stripe.events.list({ type: 'payment_intent.succeeded' })
    expect(succeeded.data).toHaveLength(1)
    const event = await h.stripe.events.retrieve(succeeded.data[0]?.id ?? '')
    expect(event).toMatchObject({ object: 'event', type: 'payment_intent.succeeded', livemode: false })
    expect((event.data.object as Stripe.PaymentIntent).id).toBe(pi.id)
    const created = (await h.stripe.events.list({ type: 'payment_intent.created' })).data[0]
    // Each event keeps the object as it was when it happened.
    expect((created?.data.object as Stripe.PaymentIntent).status).toBe('requires_confirmation')
  })
})

describe('Customers and PaymentMethods conformance', () => {
  it('creates a customer, a card payment method, attaches it and pays with it', async () => {
    const customer = await h.stripe.customers.create({ email: 'a@example.com', metadata: { tier: 'gold' } })
    expect(customer).toMatchObject({ object: 'customer', email: 'a@example.com' })
    expect((await h.stripe.customers.retrieve(customer.id)).id).toBe(customer.id)
    const pm = await h.stripe.paymentMethods.create({
      type: 'card',
      card: { number: '4000000000000002', exp_month: 12, exp_year: 2034, cvc: '123' },
    })
    expect(pm.card?.last4).toBe('0002')
    const attached = await h.stripe.paymentMethods.attach(pm.id, { customer: customer.id })
    expect(attached.customer).toBe(customer.id)
    expect((await h.stripe.paymentMethods.retrieve(pm.id)).customer).toBe(customer.id)
    const declined = await rejection(
      h.stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        customer: customer.id,
        payment_method: pm.id,
        confirm: true,
      }),
    )
    expect(declined).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' })
    const good = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    const pi = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      customer: customer.id,
      payment_method: good.id,
      confirm: true,
      expand: ['customer'],
    })
    expect(pi.status).toBe('succeeded')
    expect((pi.customer as Stripe.Customer).email).toBe('a@example.com')
    const mine = await h.stripe.paymentIntents.list({ customer: customer.id })
    expect(mine.data).toHaveLength(2)
  })

  it("lists a customer's attached payment methods, newest first, paginated and filtered by type", async () => {
    const customer = await h.stripe.customers.create({ email: 'pm-list@example.com' })
    const other = await h.stripe.customers.create({ email: 'other@example.com' })
    const visa = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    const mastercard = await h.stripe.paymentMethods.attach('pm_card_mastercard', { customer: customer.id })
    const created = await h.stripe.paymentMethods.create({
      type: 'card',
      card: { number: '4000000000000077', exp_month: 1, exp_year: 2031 },
    })
    await h.stripe.paymentMethods.attach(created.id, { customer: customer.id })
    // Attaching again changes nothing; another customer's and unattached methods are not listed.
    await h.stripe.paymentMethods.attach(visa.id, { customer: customer.id })
    await h.stripe.paymentMethods.attach('pm_card_amex', { customer: other.id })
    await h.stripe.paymentMethods.create({
      type: 'card',
      card: { number: '4242424242424242', exp_month: 1, exp_year: 2031 },
    })

    const all = await h.stripe.customers.listPaymentMethods(customer.id)
    expect(all).toMatchObject({
      object: 'list',
      url: `/v1/customers/${customer.id}/payment_methods`,
      has_more: false,
    })
    expect(all.data.map((pm) => pm.id)).toEqual([created.id, mastercard.id, visa.id])
    expect(all.data[0]).toMatchObject({ object: 'payment_method', type: 'card', customer: customer.id })
    expect(all.data.map((pm) => pm.card?.last4)).toEqual(['0077', '4444', '4242'])

    const first = await h.stripe.customers.listPaymentMethods(customer.id, { limit: 2 })
    expect(first.data.map((pm) => pm.id)).toEqual([created.id, mastercard.id])
    expect(first.has_more).toBe(true)
    const next = await h.stripe.customers.listPaymentMethods(customer.id, {
      limit: 2,
      starting_after: mastercard.id,
    })
    expect(next.data.map((pm) => pm.id)).toEqual([visa.id])
    expect(next.has_more).toBe(false)
    const paged = await h.stripe.customers
      .listPaymentMethods(customer.id, { limit: 1 })
      .autoPagingToArray({ limit: 10 })
    expect(paged.map((pm) => pm.id)).toEqual([created.id, mastercard.id, visa.id])

    expect((await h.stripe.customers.listPaymentMethods(customer.id, { type: 'card' })).data).toHaveLength(3)
    expect((await h.stripe.customers.listPaymentMethods(customer.id, { type: 'sepa_debit' })).data).toEqual(
      [],
    )
    const expanded = await h.stripe.customers.listPaymentMethods(customer.id, { expand: ['data.customer'] })
    expect((expanded.data[0]?.customer as Stripe.Customer).email).toBe('pm-list@example.com')
    expect((await h.stripe.customers.listPaymentMethods(other.id)).data).toHaveLength(1)
  })

  it('answers listPaymentMethods for an unknown customer with a 404 and refuses unknown parameters', async () => {
    expect(await rejection(h.stripe.customers.listPaymentMethods('cus_missing'))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'customer',
    })
    const customer = await h.stripe.customers.create({})
    expect(
      await rejection(h.stripe.customers.listPaymentMethods(customer.id, { colour: 'red' } as never)),
    ).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'colour' })
  })

  it('refuses a card number that fails the Luhn check with incorrect_number', async () => {
    const error = await rejection(
      h.stripe.paymentMethods.create({
        type: 'card',
        card: { number: '4242424242424241', exp_month: 1, exp_year: 2030 },
      }),
    )
    expect(error).toMatchObject({ statusCode: 402, code: 'incorrect_number', param: 'card[number]' })
  })
})
