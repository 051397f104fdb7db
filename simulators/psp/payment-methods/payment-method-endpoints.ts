import { stripeErrors, stripeErrorTypes } from '../../error-codes.js'
import { derivedPaymentMethod, findPaymentMethod } from './derived-payment-methods.js'
import type { FormObject } from '../wire/form-body.js'
import { int, metadata, missing, ParamError, rejectUnknown, requiredParam, str } from '../wire/form-params.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import type { BillingDetails, PaymentMethodRecord } from '../psp-records.js'
import { recordEvent } from '../events/record-activity.js'
import { renderPaymentMethod } from '../render-objects.js'
import { cardError, invalidParam, resourceMissing, type StripeFailure } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'
import { testCardNumbers, testPaymentMethods } from './test-payment-methods.js'

const createParams = new Set(['type', 'card', 'metadata', 'billing_details'])

/**
 * Stripe refuses an expiry that is not a month 1–12, a year already past (by the simulator's
 * clock), a month already past in this year, or a year more than 50 years ahead: a 402
 * `card_error` with `invalid_expiry_month` / `invalid_expiry_year`.
 */
export function expiryProblem(month: number, year: number, nowMs: number): StripeFailure | undefined {
  const now = new Date(nowMs)
  const thisYear = now.getUTCFullYear()
  if (!Number.isInteger(month) || month < 1 || month > 12)
    return cardError(stripeErrors.invalid_expiry_month, "Your card's expiration month is invalid.", {
      param: 'exp_month',
    })
  if (!Number.isInteger(year) || year < thisYear || year > thisYear + 50)
    return cardError(stripeErrors.invalid_expiry_year, "Your card's expiration year is invalid.", {
      param: 'exp_year',
    })
  if (year === thisYear && month < now.getUTCMonth() + 1)
    return cardError(stripeErrors.invalid_expiry_month, "Your card's expiration month is invalid.", {
      param: 'exp_month',
    })
  return undefined
}

/** Luhn check: a number that fails it is an `incorrect_number` card error, as with Stripe. */
function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}

function cardOf(
  form: FormObject,
  nowMs: number,
): { token: string; last4: string; expMonth: number; expYear: number } | OpResult {
  const card = form.card
  if (typeof card !== 'object')
    return {
      ok: false,
      saved: false,
      failure: invalidParam('card', 'Missing required param: card.', stripeErrors.parameter_missing),
    }
  const token = typeof card.token === 'string' ? card.token.replace(/^tok_/, 'pm_card_') : undefined
  if (token !== undefined) {
    const test = testPaymentMethods.get(token)
    if (!test)
      return { ok: false, saved: false, failure: resourceMissing('card[token]', String(card.token), 'token') }
    return { token, last4: test.last4, expMonth: 12, expYear: 2034 }
  }
  const number = typeof card.number === 'string' ? card.number.replace(/\s/g, '') : ''
  const expMonth = Number(card.exp_month)
  const expYear = Number(card.exp_year)
  if (!/^\d{12,19}$/.test(number) || !luhn(number))
    return {
      ok: false,
      saved: false,
      failure: cardError(stripeErrors.incorrect_number, 'Your card number is incorrect.', {
        param: 'card[number]',
      }),
    }
  const expired = expiryProblem(expMonth, expYear, nowMs)
  if (expired) return { ok: false, saved: false, failure: expired }
  return { token: testCardNumbers.get(number) ?? 'pm_card_visa', last4: number.slice(-4), expMonth, expYear }
}

function create(ctx: PspContext, input: OpInput): OpResult {
  rejectUnknown(input.form, createParams)
  const type = requiredParam(input.form, 'type')
  if (type !== 'card')
    return { ok: false, saved: false, failure: invalidParam('type', 'Only type=card is simulated.') }
  const card = cardOf(input.form, input.nowMs)
  if ('ok' in card) return card
  const test = testPaymentMethods.get(card.token)
  const pm: PaymentMethodRecord = {
    id: ctx.ids.next('pm', 16),
    testToken: card.token,
    card: { brand: test?.brand ?? 'visa', last4: card.last4, expMonth: card.expMonth, expYear: card.expYear },
    customer: null,
    created: Math.floor(input.nowMs / 1000),
    metadata: metadata(input.form) ?? {},
  }
  const billing = billingDetails(input.form, undefined)
  if (billing) pm.billingDetails = billing
  ctx.state.paymentMethods.add(pm)
  return { ok: true, body: renderPaymentMethod(pm, ctx.state, input.expand) }
}

/** A test token (`pm_card_visa`) read as a PaymentMethod that is not stored. */
function testMethod(id: string): PaymentMethodRecord | undefined {
  const test = testPaymentMethods.get(id)
  if (!test) return undefined
  return {
    id,
    testToken: id,
    card: { brand: test.brand, last4: test.last4, expMonth: 12, expYear: 2034 },
    customer: null,
    created: 0,
    metadata: {},
  }
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const id = input.params.id ?? ''
  const pm = findPaymentMethod(ctx.state, id) ?? testMethod(id)
  if (!pm) return { ok: false, saved: false, failure: resourceMissing('payment_method', id, 'PaymentMethod') }
  return { ok: true, body: renderPaymentMethod(pm, ctx.state, input.expand) }
}

function attach(ctx: PspContext, input: OpInput): OpResult {
  rejectUnknown(input.form, new Set(['customer']))
  const id = input.params.id ?? ''
  const customer = requiredParam(input.form, 'customer')
  if (!ctx.state.customers.get(customer) || ctx.state.customers.get(customer)?.deleted)
    return { ok: false, saved: false, failure: resourceMissing('customer', customer, 'customer') }
  let pm = ctx.state.paymentMethods.get(id)
  const derived = pm ? undefined : derivedPaymentMethod(ctx.state, id)
  // A test token's copy made for an intent is stored once attached (rare: not one per intent).
  if (derived) pm = ctx.state.paymentMethods.add(derived)
  if (!pm) {
    // Attaching a test token makes a new stored PaymentMethod, as Stripe does.
    const test = testMethod(id)
    if (!test)
      return { ok: false, saved: false, failure: resourceMissing('payment_method', id, 'PaymentMethod') }
    pm = ctx.state.paymentMethods.add({
      ...test,
      id: ctx.ids.next('pm', 16),
      created: Math.floor(input.nowMs / 1000),
    })
  }
  const attached = ctx.state.paymentMethodsByCustomer
  if (!attached.get(customer).includes(pm.id)) attached.add(customer, pm.id)
  pm.customer = customer
  recordEvent(ctx, input, 'payment_method.attached', methodSnapshot(pm))
  return { ok: true, body: renderPaymentMethod(pm, ctx.state, input.expand) }
}

/**
 * A stored or derived PaymentMethod, or the 404 (test tokens such as `pm_card_visa` are not
 * stored). A derived one is never attached (attaching stores it), so update and detach refuse it.
 */
function attachedMethod(ctx: PspContext, id: string): PaymentMethodRecord | OpResult {
  const pm = findPaymentMethod(ctx.state, id)
  if (!pm) return { ok: false, saved: false, failure: resourceMissing('payment_method', id, 'PaymentMethod') }
  return pm
}

const updateParams = new Set(['metadata', 'billing_details', 'card', 'allow_redisplay'])

/** `POST /v1/payment_methods/{id}`: metadata, billing details, and a card's expiry. */
function update(ctx: PspContext, input: OpInput): OpResult {
  const found = attachedMethod(ctx, input.params.id ?? '')
  if ('ok' in found) return found
  const pm = found
  const { form } = input
  rejectUnknown(form, updateParams)
  if (pm.customer === null)
    return {
      ok: false,
      saved: false,
      failure: plain('You must save this PaymentMethod to a customer before you can update it.'),
    }
  const meta = metadata(form, pm.metadata)
  const billing = billingDetails(form, pm.billingDetails)
  let expMonth = pm.card.expMonth
  let expYear = pm.card.expYear
  if (form.card !== undefined) {
    if (typeof form.card !== 'object') return missing('card[exp_month]')
    const card = Object.fromEntries(Object.entries(form.card).map(([k, v]) => [`card[${k}]`, v]))
    rejectUnknown(card, new Set(['card[exp_month]', 'card[exp_year]', 'card[networks]']))
    expMonth = int(card, 'card[exp_month]', 0, 99) ?? expMonth
    expYear = int(card, 'card[exp_year]', 0, 9999) ?? expYear
    // Two-digit years are read as 20xx, as Stripe does.
    if (expYear < 100) expYear += 2000
    const expired = expiryProblem(expMonth, expYear, input.nowMs)
    if (expired) return { ok: false, saved: false, failure: expired }
  }
  pm.card = { ...pm.card, expMonth, expYear }
  if (meta !== undefined) pm.metadata = meta
  if (billing !== undefined) pm.billingDetails = billing
  recordEvent(ctx, input, 'payment_method.updated', methodSnapshot(pm))
  return { ok: true, body: renderPaymentMethod(pm, ctx.state, input.expand) }
}

const addressKeys = ['city', 'country', 'line1', 'line2', 'postal_code', 'state']

/** `billing_details[name|email|phone|address[…]]`, merged over what the method had. */
function billingDetails(form: FormObject, previous: BillingDetails | undefined): BillingDetails | undefined {
  const value = form.billing_details
  if (value === undefined) return undefined
  const base: BillingDetails = previous ?? { address: null, email: null, name: null, phone: null }
  if (value === '') return { address: null, email: null, name: null, phone: null }
  if (typeof value !== 'object')
    throw new ParamError(invalidParam('billing_details', 'Invalid object: billing_details must be a hash'))
  const b = Object.fromEntries(Object.entries(value).map(([k, v]) => [`billing_details[${k}]`, v]))
  rejectUnknown(
    b,
    new Set([
      'billing_details[address]',
      'billing_details[email]',
      'billing_details[name]',
      'billing_details[phone]',
    ]),
  )
  const out: BillingDetails = { ...base }
  for (const key of ['email', 'name', 'phone'] as const) {
    const given = str(b, `billing_details[${key}]`, 5000)
    if (given !== undefined) out[key] = given || null
  }
  const address = b['billing_details[address]']
  if (address !== undefined) {
    if (typeof address !== 'object')
      throw new ParamError(
        invalidParam('billing_details[address]', 'Invalid object: billing_details[address] must be a hash'),
      )
    const a = Object.fromEntries(
      Object.entries(address).map(([k, v]) => [`billing_details[address][${k}]`, v]),
    )
    rejectUnknown(a, new Set(addressKeys.map((k) => `billing_details[address][${k}]`)))
    const merged: Record<string, string | null> = {
      ...Object.fromEntries(addressKeys.map((k) => [k, null])),
      ...(base.address ?? {}),
    }
    for (const key of addressKeys) {
      const given = str(a, `billing_details[address][${key}]`, 5000)
      if (given !== undefined) merged[key] = given || null
    }
    out.address = merged
  }
  return out
}

/** `POST /v1/payment_methods/{id}/detach`: the method stays, no longer the customer's. */
function detach(ctx: PspContext, input: OpInput): OpResult {
  const found = attachedMethod(ctx, input.params.id ?? '')
  if ('ok' in found) return found
  rejectUnknown(input.form, new Set())
  const pm = found
  if (pm.customer === null)
    return {
      ok: false,
      saved: true,
      failure: plain(
        'The payment method you provided is not attached to a customer so detachment is impossible.',
      ),
    }
  const customer = ctx.state.customers.get(pm.customer)
  if (customer?.invoiceSettings.defaultPaymentMethod === pm.id)
    customer.invoiceSettings = { ...customer.invoiceSettings, defaultPaymentMethod: null }
  pm.customer = null
  recordEvent(ctx, input, 'payment_method.detached', methodSnapshot(pm))
  return { ok: true, body: renderPaymentMethod(pm, ctx.state, input.expand) }
}

/**
 * `GET /v1/payment_methods`: stored PaymentMethods newest first, `customer` (those attached to it
 * now) and `type` filters. Test tokens (`pm_card_visa`) are not stored, so they are not listed.
 */
function list(ctx: PspContext, input: OpInput): OpResult {
  const customer = str(input.form, 'customer')
  const type = str(input.form, 'type')
  if (customer !== undefined && !ctx.state.customers.get(customer))
    return { ok: false, saved: false, failure: resourceMissing('customer', customer, 'customer') }
  const ids =
    type !== undefined && type !== 'card'
      ? []
      : customer !== undefined
        ? ctx.state.paymentMethodsByCustomer.get(customer)
        : ctx.state.paymentMethods.order
  return listPage(
    input,
    '/v1/payment_methods',
    ids,
    (id) => {
      const pm = ctx.state.paymentMethods.get(id)
      return pm ? renderPaymentMethod(pm, ctx.state, input.expand) : undefined
    },
    new Set(['customer', 'type']),
    customer === undefined ? undefined : (id) => ctx.state.paymentMethods.get(id)?.customer === customer,
  )
}

function plain(message: string): StripeFailure {
  return { status: 400, error: { type: stripeErrorTypes.invalid_request_error.code, message } }
}

function methodSnapshot(pm: PaymentMethodRecord): () => Record<string, unknown> {
  const copy = { ...pm }
  return () => renderPaymentMethod(copy)
}

/** The PaymentMethods endpoints (cards only). */
export const paymentMethodEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/payment_methods', answers: { object: 'payment_method' }, run: create },
  { method: 'GET', path: '/v1/payment_methods/:id', answers: { object: 'payment_method' }, run: retrieve },
  {
    method: 'POST',
    path: '/v1/payment_methods/:id/attach',
    answers: { object: 'payment_method' },
    run: attach,
  },
  {
    method: 'GET',
    path: '/v1/payment_methods',
    answers: { object: 'payment_method', list: true },
    run: list,
  },
  { method: 'POST', path: '/v1/payment_methods/:id', answers: { object: 'payment_method' }, run: update },
  {
    method: 'POST',
    path: '/v1/payment_methods/:id/detach',
    answers: { object: 'payment_method' },
    run: detach,
  },
]
