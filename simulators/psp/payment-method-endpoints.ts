import { stripeErrors } from '../error-codes.js'
import type { FormObject } from './form-body.js'
import { metadata, rejectUnknown, requiredParam } from './form-params.js'
import type { PspContext } from './psp-context.js'
import type { PaymentMethodRecord } from './psp-records.js'
import { renderPaymentMethod } from './render-objects.js'
import { cardError, invalidParam, resourceMissing } from './stripe-error.js'
import type { Endpoint, OpInput, OpResult } from './stripe-endpoint.js'
import { testCardNumbers, testPaymentMethods } from './test-payment-methods.js'

const createParams = new Set(['type', 'card', 'metadata', 'billing_details'])

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
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'card[exp_month]',
        "Your card's expiration month is invalid.",
        stripeErrors.invalid_expiry_month,
      ),
    }
  if (!Number.isInteger(expYear) || expYear < 2000 || expYear > 2100)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'card[exp_year]',
        "Your card's expiration year is invalid.",
        stripeErrors.invalid_expiry_year,
      ),
    }
  return { token: testCardNumbers.get(number) ?? 'pm_card_visa', last4: number.slice(-4), expMonth, expYear }
}

function create(ctx: PspContext, input: OpInput): OpResult {
  rejectUnknown(input.form, createParams)
  const type = requiredParam(input.form, 'type')
  if (type !== 'card')
    return { ok: false, saved: false, failure: invalidParam('type', 'Only type=card is simulated.') }
  const card = cardOf(input.form)
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
  const pm = ctx.state.paymentMethods.get(id) ?? testMethod(id)
  if (!pm) return { ok: false, saved: false, failure: resourceMissing('payment_method', id, 'PaymentMethod') }
  return { ok: true, body: renderPaymentMethod(pm, ctx.state, input.expand) }
}

function attach(ctx: PspContext, input: OpInput): OpResult {
  rejectUnknown(input.form, new Set(['customer']))
  const id = input.params.id ?? ''
  const customer = requiredParam(input.form, 'customer')
  if (!ctx.state.customers.get(customer))
    return { ok: false, saved: false, failure: resourceMissing('customer', customer, 'customer') }
  let pm = ctx.state.paymentMethods.get(id)
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
  return { ok: true, body: renderPaymentMethod(pm, ctx.state, input.expand) }
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
]
