import { stripeErrors } from '../../error-codes.js'
import { beforeIntentChange } from './intent-view.js'
import { intentResult } from './intent-result.js'
import { intentSnapshot, chargeSnapshot } from '../events/snapshots.js'
import { chargeCaptured } from '../charges/charge-captured.js'
import { confirmIntent, resolveCard } from './confirm-intent.js'
import { applyIntentExtras } from './intent-extras.js'
import type { FormObject } from '../wire/form-body.js'
import {
  bool,
  currency,
  int,
  metadata,
  missing,
  oneOf,
  ParamError,
  rejectUnknown,
  str,
  strArray,
} from '../wire/form-params.js'
import { canTransition } from './intent-transitions.js'
import { intentListKeep, intentListParams } from '../wire/list-keeps.js'
import { listPage } from '../wire/list-page.js'
import { shareTestToken } from '../payment-methods/shared-strings.js'
import type { PspContext } from '../psp-context.js'
import type { IntentRecord } from '../psp-records.js'
import { recordEvent, recordLedger } from '../events/record-activity.js'
import { renderIntent } from '../render-objects.js'
import { invalidParam, resourceMissing, unexpectedState } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

const createParams = new Set([
  'amount',
  'currency',
  'confirm',
  'payment_method',
  'payment_method_types',
  'allowed_payment_method_types',
  'capture_method',
  'confirmation_method',
  'customer',
  'description',
  'metadata',
  'receipt_email',
  'statement_descriptor',
  'automatic_payment_methods',
  'return_url',
  'off_session',
  'setup_future_usage',
  'error_on_requires_action',
  'payment_method_data',
  'payment_method_options',
])
const updateParams = new Set([
  'amount',
  'currency',
  'payment_method',
  'payment_method_types',
  'allowed_payment_method_types',
  'capture_method',
  'customer',
  'description',
  'metadata',
  'receipt_email',
  'statement_descriptor',
  'setup_future_usage',
  'payment_method_data',
  'payment_method_options',
])
const confirmParams = new Set([
  'payment_method',
  'return_url',
  'off_session',
  'receipt_email',
  'capture_method',
  'error_on_requires_action',
  'payment_method_data',
  'payment_method_options',
])
const captureParams = new Set(['amount_to_capture', 'metadata', 'statement_descriptor'])
const cancelParams = new Set(['cancellation_reason'])
/** The default list, shared by every intent that does not name its own. */
const cardOnly = ['card']
const captureMethods = ['automatic', 'automatic_async', 'manual'] as const

function amountOf(form: FormObject, required: boolean): number | undefined {
  const amount = int(form, 'amount', 1)
  if (amount === undefined && required) return missing('amount')
  if (amount !== undefined && amount < 50)
    throw new ParamError(
      invalidParam('amount', 'Amount must be at least $0.50 usd', stripeErrors.amount_too_small),
    )
  return amount
}

/** Stripe returns 404 resource_missing for an unknown intent id; nothing is saved under the key. */
function findIntent(ctx: PspContext, id: string | undefined): IntentRecord | OpResult {
  const pi = id ? ctx.state.intents.get(id) : undefined
  return pi ?? { ok: false, saved: false, failure: resourceMissing('intent', id ?? '', 'payment_intent') }
}

const isRecord = (value: IntentRecord | OpResult): value is IntentRecord => 'captureMethod' in value

function create(ctx: PspContext, input: OpInput): OpResult {
  const { form } = input
  rejectUnknown(form, createParams)
  const amount = amountOf(form, true) ?? 0
  const cur = currency(form) ?? missing('currency')
  const customer = str(form, 'customer') ?? null
  if (customer && !ctx.state.customers.get(customer))
    return { ok: false, saved: false, failure: resourceMissing('customer', customer, 'customer') }
  const id = ctx.ids.next('pi', 18)
  const pi: IntentRecord = {
    id,
    amount,
    currency: cur,
    status: 'requires_payment_method',
    captureMethod: oneOf(form, 'capture_method', captureMethods) ?? 'automatic_async',
    confirmationMethod: oneOf(form, 'confirmation_method', ['automatic', 'manual'] as const) ?? 'automatic',
    created: Math.floor(input.nowMs / 1000),
    customer,
    description: str(form, 'description') ?? null,
    metadata: metadata(form) ?? {},
    paymentMethod: shareTestToken(str(form, 'payment_method', 255)) ?? null,
    paymentMethodTypes: strArray(form, 'payment_method_types') ?? cardOnly,
    lastPaymentError: null,
    latestCharge: null,
    views: null,
    amountCapturable: 0,
    amountReceived: 0,
    canceledAt: null,
    cancellationReason: null,
    receiptEmail: str(form, 'receipt_email') ?? null,
    statementDescriptor: str(form, 'statement_descriptor', 22) ?? null,
    // Present from the start, so setting it later keeps the record's shape (a property added
    // afterwards moves to an out-of-object store: ~40 bytes more per intent at a million).
    extra: undefined,
  }
  applyIntentExtras(ctx, form, pi, input.nowMs, true)
  const confirm = bool(form, 'confirm') ?? false
  // A confirm that cannot even start is a validation failure: nothing is created.
  if (confirm && !pi.paymentMethod) return missing('payment_method')
  if (pi.paymentMethod && !resolveCard(ctx, pi.paymentMethod))
    return {
      ok: false,
      saved: false,
      failure: resourceMissing('payment_method', pi.paymentMethod, 'PaymentMethod'),
    }
  if (pi.paymentMethod) pi.status = 'requires_confirmation'
  ctx.state.intents.add(pi)
  if (customer) ctx.state.intentsByCustomer.add(customer, pi.id)
  recordEvent(ctx, input, 'payment_intent.created', intentSnapshot(pi, ctx.state))
  if (confirm) return confirmIntent(ctx, input, pi)
  return intentResult(pi, ctx.state, input)
}

function update(ctx: PspContext, input: OpInput): OpResult {
  const found = findIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  const pi = found
  beforeIntentChange(pi)
  const { form } = input
  rejectUnknown(form, updateParams)
  if (
    !['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status) &&
    hasMoneyFields(form)
  )
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `This PaymentIntent's amount could not be updated because it has a status of ${pi.status}.`,
      ),
    }
  pi.amount = amountOf(form, false) ?? pi.amount
  pi.currency = currency(form) ?? pi.currency
  pi.captureMethod = oneOf(form, 'capture_method', captureMethods) ?? pi.captureMethod
  pi.description = str(form, 'description') ?? pi.description
  pi.metadata = metadata(form, pi.metadata) ?? pi.metadata
  pi.receiptEmail = str(form, 'receipt_email') ?? pi.receiptEmail
  pi.statementDescriptor = str(form, 'statement_descriptor', 22) ?? pi.statementDescriptor
  pi.paymentMethodTypes = strArray(form, 'payment_method_types') ?? pi.paymentMethodTypes
  applyIntentExtras(ctx, form, pi, input.nowMs, false)
  const paymentMethod = shareTestToken(str(form, 'payment_method', 255))
  if (paymentMethod !== undefined) {
    pi.paymentMethod = paymentMethod || null
    if (pi.status === 'requires_payment_method' && pi.paymentMethod) pi.status = 'requires_confirmation'
  }
  const customer = str(form, 'customer')
  if (customer !== undefined) {
    if (customer && !ctx.state.customers.get(customer))
      return { ok: false, saved: false, failure: resourceMissing('customer', customer, 'customer') }
    if (customer && customer !== pi.customer) ctx.state.intentsByCustomer.add(customer, pi.id)
    pi.customer = customer || null
  }
  return intentResult(pi, ctx.state, input)
}

function hasMoneyFields(form: FormObject): boolean {
  return ['amount', 'currency', 'payment_method', 'capture_method'].some((key) => form[key] !== undefined)
}

function confirm(ctx: PspContext, input: OpInput): OpResult {
  const found = findIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  beforeIntentChange(found)
  rejectUnknown(input.form, confirmParams)
  const paymentMethod = shareTestToken(str(input.form, 'payment_method', 255))
  const captureMethod = oneOf(input.form, 'capture_method', captureMethods)
  if (paymentMethod !== undefined && canTransition(found.status, 'requires_capture'))
    found.paymentMethod = paymentMethod
  if (captureMethod !== undefined && canTransition(found.status, 'requires_capture'))
    found.captureMethod = captureMethod
  if (canTransition(found.status, 'requires_capture'))
    applyIntentExtras(ctx, input.form, found, input.nowMs, false)
  return confirmIntent(ctx, input, found)
}

function capture(ctx: PspContext, input: OpInput): OpResult {
  const found = findIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  const pi = found
  beforeIntentChange(pi)
  rejectUnknown(input.form, captureParams)
  if (pi.status !== 'requires_capture')
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      ),
    }
  const amount = int(input.form, 'amount_to_capture', 1) ?? pi.amountCapturable
  if (amount > pi.amountCapturable)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'amount_to_capture',
        `The amount to capture (${amount}) cannot exceed the capturable amount (${pi.amountCapturable}).`,
        stripeErrors.amount_too_large,
      ),
    }
  pi.metadata = metadata(input.form, pi.metadata) ?? pi.metadata
  const charge = pi.latestCharge ? ctx.state.charges.get(pi.latestCharge) : undefined
  if (charge) {
    charge.captured = true
    charge.amountCaptured = amount
  }
  pi.status = 'succeeded'
  pi.amountReceived = amount
  pi.amountCapturable = 0
  recordLedger(ctx, input, 'capture', pi, amount)
  if (charge) chargeCaptured(ctx, input, charge)
  if (charge) recordEvent(ctx, input, 'charge.captured', chargeSnapshot(charge, ctx.state))
  recordEvent(ctx, input, 'payment_intent.succeeded', intentSnapshot(pi, ctx.state))
  return intentResult(pi, ctx.state, input)
}

function cancel(ctx: PspContext, input: OpInput): OpResult {
  const found = findIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  const pi = found
  beforeIntentChange(pi)
  rejectUnknown(input.form, cancelParams)
  const reason = oneOf(input.form, 'cancellation_reason', [
    'duplicate',
    'fraudulent',
    'requested_by_customer',
    'abandoned',
  ] as const)
  if (!canTransition(pi.status, 'canceled'))
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
      ),
    }
  const released = pi.amountCapturable
  pi.status = 'canceled'
  pi.canceledAt = Math.floor(input.nowMs / 1000)
  pi.cancellationReason = reason ?? null
  pi.amountCapturable = 0
  recordLedger(ctx, input, 'cancel', pi, released)
  recordEvent(ctx, input, 'payment_intent.canceled', intentSnapshot(pi, ctx.state))
  return intentResult(pi, ctx.state, input)
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const found = findIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  return intentResult(found, ctx.state, input)
}

function list(ctx: PspContext, input: OpInput): OpResult {
  const customer = str(input.form, 'customer')
  const ids = customer !== undefined ? ctx.state.intentsByCustomer.get(customer) : ctx.state.intents.order
  return listPage(
    input,
    '/v1/payment_intents',
    ids,
    (id) => {
      const pi = ctx.state.intents.get(id)
      return pi ? renderIntent(pi, ctx.state, input.expand) : undefined
    },
    intentListParams,
    intentListKeep(ctx.state, input.form),
  )
}

/** The PaymentIntents endpoints. */
export const paymentIntentEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/payment_intents', answers: { object: 'payment_intent' }, run: create },
  {
    method: 'GET',
    path: '/v1/payment_intents',
    answers: { object: 'payment_intent', list: true },
    run: list,
  },
  { method: 'GET', path: '/v1/payment_intents/:id', answers: { object: 'payment_intent' }, run: retrieve },
  { method: 'POST', path: '/v1/payment_intents/:id', answers: { object: 'payment_intent' }, run: update },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/confirm',
    answers: { object: 'payment_intent' },
    run: confirm,
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/capture',
    answers: { object: 'payment_intent' },
    run: capture,
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/cancel',
    answers: { object: 'payment_intent' },
    run: cancel,
  },
]
