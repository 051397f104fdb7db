import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'
import { requiredKeys, typeKeys } from './stripe-type-keys.js'

/*
 * Every key the stripe client's types declare without `?` must be in our answers, in Stripe's
 * order (the types list them as Stripe's objects do: id, object, then alphabetically). The key
 * lists are read from the installed client's .d.ts at test time, so a new required field in a
 * client upgrade, or one dropped from a renderer, fails here.
 */

type Json = Record<string, unknown>

const keysIn = (value: unknown): Json => {
  if (typeof value !== 'object' || value === null) throw new Error(`Expected an object, got ${String(value)}`)
  return value as Json
}

/** Checks `value` against the `path` interface of stripe's `file.d.ts`: required keys, then order. */
function expectShape(value: unknown, file: string, path: string): void {
  const object = keysIn(value)
  const missing = requiredKeys(file, path).filter((key) => !(key in object))
  expect(missing, `${path}: required keys missing`).toEqual([])
  const declared = typeKeys(file, path).map((k) => k.key)
  const ours = Object.keys(object).filter((key) => declared.includes(key))
  const stripeOrder = [...ours].sort((a, b) => declared.indexOf(a) - declared.indexOf(b))
  expect(ours, `${path}: field order`).toEqual(stripeOrder)
}

let h: Harness
let objects: {
  intent: Stripe.PaymentIntent
  manualIntent: Stripe.PaymentIntent
  charge: Stripe.Charge
  failedCharge: Stripe.Charge
  refund: Stripe.Refund
  createdMethod: Stripe.PaymentMethod
  derivedMethod: Stripe.PaymentMethod
  tokenMethod: Stripe.PaymentMethod
  customer: Stripe.Customer
  event: Stripe.Event
  endpoint: Stripe.WebhookEndpoint
  listedEndpoint: Stripe.WebhookEndpoint
  setupIntent: Stripe.SetupIntent
  balanceTransaction: Stripe.BalanceTransaction
  dispute: Stripe.Dispute
}

beforeAll(async () => {
  h = await startHarness()
  const s = h.stripe
  const customer = await s.customers.create({ email: 'shape@example.com', name: 'Ada' })
  const createdMethod = await s.paymentMethods.create({
    type: 'card',
    card: { number: '4242424242424242', exp_month: 4, exp_year: 2040, cvc: '123' },
    billing_details: { name: 'Ada', address: { postal_code: '94107' } },
  })
  const intent = await s.paymentIntents.create({
    amount: 2500,
    currency: 'usd',
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
  })
  const manualIntent = await s.paymentIntents.create({
    amount: 1500,
    currency: 'usd',
    allowed_payment_method_types: ['card'],
    capture_method: 'manual',
    payment_method: createdMethod.id,
    confirm: true,
  })
  const charge = await s.charges.retrieve(String(intent.latest_charge))
  const declined = await s.paymentIntents.create({ amount: 900, currency: 'usd' })
  await rejection(s.paymentIntents.confirm(declined.id, { payment_method: 'pm_card_visa_chargeDeclined' }))
  const failedCharge = (await s.charges.list({ payment_intent: declined.id })).data[0]
  const refund = await s.refunds.create({ payment_intent: intent.id, amount: 500 })
  const disputedIntent = await s.paymentIntents.create({
    amount: 4000,
    currency: 'usd',
    payment_method: 'pm_card_createDispute',
    confirm: true,
  })
  const dispute = (await s.disputes.list({ payment_intent: disputedIntent.id })).data[0]
  const endpoint = await s.webhookEndpoints.create({
    url: 'http://127.0.0.1:9/hook',
    enabled_events: ['payment_intent.succeeded'],
  })
  const setupIntent = await s.setupIntents.create({ customer: customer.id })
  const event = (await s.events.list({ limit: 1 })).data[0]
  if (!failedCharge || !dispute || !event) throw new Error('Failed to build the objects to check')
  objects = {
    intent,
    manualIntent,
    charge,
    failedCharge,
    refund,
    createdMethod,
    derivedMethod: await s.paymentMethods.retrieve(String(intent.payment_method)),
    tokenMethod: await s.paymentMethods.retrieve('pm_card_mastercard'),
    customer,
    event,
    endpoint,
    listedEndpoint: (await s.webhookEndpoints.list()).data[0] as Stripe.WebhookEndpoint,
    setupIntent,
    balanceTransaction: await s.balanceTransactions.retrieve(String(charge.balance_transaction)),
    dispute,
  }
})
afterAll(async () => {
  await h.close()
})

describe('object shapes: every required key of the stripe client types, in Stripe order', () => {
  it('reads the key lists from the installed client (a broken read fails, never passes empty)', () => {
    expect(requiredKeys('PaymentIntents', 'PaymentIntent')).toEqual(
      expect.arrayContaining(['id', 'object', 'amount', 'status', 'customer_account']),
    )
    expect(requiredKeys('PaymentMethods', 'PaymentMethod.Card')).toContain('three_d_secure_usage')
    expect(() => requiredKeys('PaymentIntents', 'NoSuchInterface')).toThrow(/Failed to read/)
  })

  it('PaymentIntent', () => {
    for (const pi of [objects.intent, objects.manualIntent]) {
      expectShape(pi, 'PaymentIntents', 'PaymentIntent')
    }
    expect(objects.intent).toMatchObject({
      allowed_payment_method_types: null,
      customer_account: null,
      excluded_payment_method_types: null,
      payment_method_configuration_details: { id: expect.stringMatching(/^pmc_/), parent: null },
    })
    expectShape(
      objects.intent.automatic_payment_methods,
      'PaymentIntents',
      'PaymentIntent.AutomaticPaymentMethods',
    )
    expectShape(
      objects.intent.payment_method_configuration_details,
      'PaymentIntents',
      'PaymentIntent.PaymentMethodConfigurationDetails',
    )
    expect(objects.manualIntent).toMatchObject({
      allowed_payment_method_types: ['card'],
      payment_method_configuration_details: null,
    })
  })

  it('Charge, with its outcome, billing details and card details', () => {
    for (const ch of [objects.charge, objects.failedCharge]) {
      expectShape(ch, 'Charges', 'Charge')
      expectShape(ch.outcome, 'Charges', 'Charge.Outcome')
      expectShape(ch.billing_details, 'Charges', 'Charge.BillingDetails')
      expectShape(ch.payment_method_details, 'Charges', 'Charge.PaymentMethodDetails')
      expectShape(ch.payment_method_details?.card, 'Charges', 'Charge.PaymentMethodDetails.Card')
      expectShape(
        ch.payment_method_details?.card?.checks,
        'Charges',
        'Charge.PaymentMethodDetails.Card.Checks',
      )
    }
    expect(objects.charge).toMatchObject({
      fraud_details: {},
      calculated_statement_descriptor: expect.any(String),
      billing_details: { email: null, name: null, tax_id: null },
    })
  })

  it('Refund, with the customer and payment method of its charge', () => {
    expectShape(objects.refund, 'Refunds', 'Refund')
    expect(objects.refund).toMatchObject({
      customer: objects.customer.id,
      customer_account: null,
      payment_method: objects.charge.payment_method,
    })
  })

  it('PaymentMethod: created, derived from a test token, and a bare test token', () => {
    for (const pm of [objects.createdMethod, objects.derivedMethod, objects.tokenMethod]) {
      expectShape(pm, 'PaymentMethods', 'PaymentMethod')
      expectShape(pm.billing_details, 'PaymentMethods', 'PaymentMethod.BillingDetails')
      expectShape(pm.card, 'PaymentMethods', 'PaymentMethod.Card')
      expectShape(pm.card?.checks, 'PaymentMethods', 'PaymentMethod.Card.Checks')
      expectShape(pm.card?.networks, 'PaymentMethods', 'PaymentMethod.Card.Networks')
      expectShape(pm.card?.three_d_secure_usage, 'PaymentMethods', 'PaymentMethod.Card.ThreeDSecureUsage')
    }
    expect(objects.tokenMethod.card).toMatchObject({
      brand: 'mastercard',
      display_brand: 'mastercard',
      generated_from: null,
      networks: { available: ['mastercard'], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    })
  })

  it('Customer', () => {
    expectShape(objects.customer, 'Customers', 'Customer')
    expectShape(objects.customer.invoice_settings, 'Customers', 'Customer.InvoiceSettings')
  })

  it('Event', () => {
    expectShape(objects.event, 'Events', 'EventBase')
    expectShape(objects.event.data, 'Events', 'Event.Data')
    expectShape(objects.event.request, 'Events', 'Event.Request')
  })

  it('WebhookEndpoint: api_version null unless the create named one', async () => {
    expectShape(objects.endpoint, 'WebhookEndpoints', 'WebhookEndpoint')
    expectShape(objects.listedEndpoint, 'WebhookEndpoints', 'WebhookEndpoint')
    expect(objects.endpoint.api_version).toBeNull()
    expect((await h.stripe.webhookEndpoints.retrieve(objects.endpoint.id)).api_version).toBeNull()
    const pinned = await h.stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/pinned',
      enabled_events: ['*'],
      api_version: '2025-01-27.acacia',
    })
    expect(pinned.api_version).toBe('2025-01-27.acacia')
    expect((await h.stripe.webhookEndpoints.retrieve(pinned.id)).api_version).toBe('2025-01-27.acacia')
  })

  it('SetupIntent', () => {
    expectShape(objects.setupIntent, 'SetupIntents', 'SetupIntent')
  })

  it('BalanceTransaction', () => {
    expectShape(objects.balanceTransaction, 'BalanceTransactions', 'BalanceTransaction')
  })

  it('Dispute, with its evidence and evidence details', () => {
    expectShape(objects.dispute, 'Disputes', 'Dispute')
    expectShape(objects.dispute.evidence, 'Disputes', 'Dispute.Evidence')
    expectShape(objects.dispute.evidence_details, 'Disputes', 'Dispute.EvidenceDetails')
  })
})

describe('test tokens become PaymentMethods of their own, derived from the intent', () => {
  it('shows one pm_ id on the intent, its charge, its refund, its events and an idempotent replay', async () => {
    const params = { amount: 1200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }
    const pi = await h.stripe.paymentIntents.create(params, { idempotencyKey: 'derived-pm-1' })
    const id = String(pi.payment_method)
    expect(id).toMatch(/^pm_[A-Za-z0-9]+$/)
    expect(id).not.toBe('pm_card_visa')
    const replay = await h.stripe.paymentIntents.create(params, { idempotencyKey: 'derived-pm-1' })
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(replay.payment_method).toBe(id)
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).payment_method).toBe(id)
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge))
    expect(charge.payment_method).toBe(id)
    expect((await h.stripe.refunds.create({ payment_intent: pi.id })).payment_method).toBe(id)
    const events = (await h.stripe.events.list({ limit: 20 })).data.filter((e) => {
      const object = e.data.object as { id?: string; payment_intent?: string }
      return object.id === pi.id || object.payment_intent === pi.id
    })
    expect(events.length).toBeGreaterThan(2)
    for (const e of events) expect((e.data.object as { payment_method?: string }).payment_method).toBe(id)
  })

  it('retrieves the derived PaymentMethod as a copy of the test card, and expands it on the intent', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 700,
      currency: 'usd',
      payment_method: 'pm_card_amex',
      confirm: true,
      expand: ['payment_method'],
    })
    const expanded = pi.payment_method as Stripe.PaymentMethod
    const pm = await h.stripe.paymentMethods.retrieve(expanded.id)
    expect(pm).toEqual(expanded)
    expect(pm).toMatchObject({
      object: 'payment_method',
      type: 'card',
      created: pi.created,
      customer: null,
      card: { brand: 'amex', display_brand: 'american_express', last4: '8431' },
    })
  })

  it('refuses ids that no intent made: another token, an unknown intent', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 700,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    const id = String(pi.payment_method)
    const forged = `${id.slice(0, -1)}${id.endsWith('B') ? 'C' : 'B'}`
    expect(await rejection(h.stripe.paymentMethods.retrieve(forged))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    })
    const unknown = `pm_zzzzzz${id.slice(9)}`
    expect(await rejection(h.stripe.paymentMethods.retrieve(unknown))).toMatchObject({ statusCode: 404 })
  })

  it('confirms with the derived id given back, and a retry with another test card is another PaymentMethod', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 800,
      currency: 'usd',
      payment_method: 'pm_card_visa_chargeDeclined',
    })
    const declinedId = String(pi.payment_method)
    const declined = await rejection(h.stripe.paymentIntents.confirm(pi.id, { payment_method: declinedId }))
    expect(declined).toMatchObject({ statusCode: 402, code: 'card_declined' })
    const done = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_mastercard' })
    expect(done.status).toBe('succeeded')
    const retryId = String(done.payment_method)
    expect(retryId).not.toBe(declinedId)
    const charges = (await h.stripe.charges.list({ payment_intent: pi.id })).data
    expect(charges.map((c) => c.payment_method).sort()).toEqual([declinedId, retryId].sort())
    expect((await h.stripe.paymentMethods.retrieve(declinedId)).card?.last4).toBe('0002')
    expect((await h.stripe.paymentMethods.retrieve(retryId)).card?.last4).toBe('4444')
  })

  it('attaches a derived PaymentMethod to a customer; update and detach need it attached first', async () => {
    const customer = await h.stripe.customers.create({})
    const pi = await h.stripe.paymentIntents.create({
      amount: 600,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    const id = String(pi.payment_method)
    expect(await rejection(h.stripe.paymentMethods.update(id, { metadata: { a: '1' } }))).toMatchObject({
      statusCode: 400,
      message: 'You must save this PaymentMethod to a customer before you can update it.',
    })
    expect(await rejection(h.stripe.paymentMethods.detach(id))).toMatchObject({ statusCode: 400 })
    const attached = await h.stripe.paymentMethods.attach(id, { customer: customer.id })
    expect(attached).toMatchObject({ id, customer: customer.id, card: { last4: '4242' } })
    expect((await h.stripe.customers.listPaymentMethods(customer.id)).data.map((m) => m.id)).toEqual([id])
    const again = await h.stripe.paymentIntents.retrieve(pi.id, { expand: ['payment_method'] })
    expect(again.payment_method).toMatchObject({ id, customer: customer.id })
    expect((await h.stripe.paymentMethods.detach(id)).customer).toBeNull()
  })

  it('keeps a created PaymentMethod id, and still answers a bare test token', async () => {
    expect(objects.manualIntent.payment_method).toBe(objects.createdMethod.id)
    expect(objects.tokenMethod.id).toBe('pm_card_mastercard')
  })
})
