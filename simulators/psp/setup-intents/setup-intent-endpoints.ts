import { statusOf, stripeErrors } from '../../error-codes.js'
import { resolveCard } from '../intents/confirm-intent.js'
import type { FormObject } from '../wire/form-body.js'
import {
  ParamError,
  bool,
  metadata,
  missing,
  oneOf,
  rejectUnknown,
  str,
  strArray,
} from '../wire/form-params.js'
import { automaticTypes, checkTypes, paymentMethodFromData, readAutomatic } from '../intents/intent-extras.js'
import { listPage } from '../wire/list-page.js'
import { allOf, byId, createdFilter } from '../wire/list-filters.js'
import type { PspContext } from '../psp-context.js'
import { recordEvent } from '../events/record-activity.js'
import { renderCustomer, renderPaymentMethod } from '../render-objects.js'
import {
  canMoveSetupIntent,
  renderSetupIntent,
  setupIntentSnapshot,
  type SetupIntentRecord,
} from './setup-intents.js'
import { docUrl, invalidParam, resourceMissing, unexpectedState } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'
import type { TestCardOutcome } from '../payment-methods/test-payment-methods.js'

const createParams = new Set([
  'confirm',
  'customer',
  'description',
  'metadata',
  'payment_method',
  'payment_method_types',
  'allowed_payment_method_types',
  'payment_method_data',
  'payment_method_options',
  'automatic_payment_methods',
  'usage',
  'return_url',
  'use_stripe_sdk',
])
const updateParams = new Set([
  'customer',
  'description',
  'metadata',
  'payment_method',
  'payment_method_types',
  'allowed_payment_method_types',
  'payment_method_data',
  'payment_method_options',
])
const confirmParams = new Set([
  'payment_method',
  'payment_method_data',
  'payment_method_options',
  'return_url',
  'use_stripe_sdk',
])
const confirmable = ['requires_payment_method', 'requires_confirmation', 'requires_action'] as const

/** stripe-node 23 (API 2026-10-28) sends `allowed_payment_method_types`; older versions `payment_method_types`. */
function typesOf(form: FormObject): string[] | undefined {
  return strArray(form, 'allowed_payment_method_types') ?? strArray(form, 'payment_method_types')
}

function findSetupIntent(ctx: PspContext, id: string | undefined): SetupIntentRecord | OpResult {
  const si = id ? ctx.state.setupIntents.get(id) : undefined
  return si ?? { ok: false, saved: false, failure: resourceMissing('intent', id ?? '', 'setup_intent') }
}

const isRecord = (value: SetupIntentRecord | OpResult): value is SetupIntentRecord => 'usage' in value

/** The SetupIntent with `customer` and `payment_method` expanded when asked. */
function answer(ctx: PspContext, input: OpInput, si: SetupIntentRecord): Record<string, unknown> {
  const body = renderSetupIntent(si)
  const customer =
    si.customer && input.expand.has('customer') ? ctx.state.customers.get(si.customer) : undefined
  if (customer) body.customer = renderCustomer(customer)
  const pm =
    si.paymentMethod && input.expand.has('payment_method')
      ? ctx.state.paymentMethods.get(si.paymentMethod)
      : undefined
  if (pm) body.payment_method = renderPaymentMethod(pm, ctx.state)
  return body
}

function checkCustomer(ctx: PspContext, customer: string | undefined): OpResult | undefined {
  if (customer && !ctx.state.customers.get(customer))
    return { ok: false, saved: false, failure: resourceMissing('customer', customer, 'customer') }
  return undefined
}

/** A payment method the SetupIntent may use: a stored one or a test token (checked at once). */
function checkPaymentMethod(ctx: PspContext, id: string | undefined): OpResult | undefined {
  if (id && !resolveCard(ctx, id))
    return { ok: false, saved: false, failure: resourceMissing('payment_method', id, 'PaymentMethod') }
  return undefined
}

function create(ctx: PspContext, input: OpInput): OpResult {
  const { form } = input
  rejectUnknown(form, createParams)
  const automatic = readAutomatic(form)
  const types = typesOf(form)
  if (automatic && types)
    throw new ParamError(
      invalidParam(
        'automatic_payment_methods',
        `You may only specify one of these parameters: automatic_payment_methods, ${form.allowed_payment_method_types !== undefined ? 'allowed_payment_method_types' : 'payment_method_types'}.`,
        stripeErrors.parameters_exclusive,
      ),
    )
  if (types) checkTypes(types, 'usd', 'setup_intent')
  const customer = str(form, 'customer')
  const badCustomer = checkCustomer(ctx, customer)
  if (badCustomer) return badCustomer
  let paymentMethod = str(form, 'payment_method', 255)
  const badMethod = checkPaymentMethod(ctx, paymentMethod)
  if (badMethod) return badMethod
  const confirm = bool(form, 'confirm') ?? false
  const usage = oneOf(form, 'usage', ['on_session', 'off_session'] as const) ?? 'off_session'
  const description = str(form, 'description') ?? null
  const meta = metadata(form) ?? {}
  paymentMethod = paymentMethodFromData(ctx, form, null, input.nowMs) ?? paymentMethod
  if (confirm && !paymentMethod) return missing('payment_method')
  const si: SetupIntentRecord = {
    id: ctx.ids.next('seti', 18),
    status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    customer: customer || null,
    paymentMethod: paymentMethod ?? null,
    paymentMethodTypes: types ?? (automatic?.enabled === false ? ['card'] : automaticTypes),
    automaticPaymentMethods: types ? null : (automatic ?? { enabled: true, allowRedirects: 'always' }),
    usage,
    description,
    metadata: meta,
    created: Math.floor(input.nowMs / 1000),
    lastSetupError: null,
    cancellationReason: null,
  }
  ctx.state.setupIntents.add(si)
  recordEvent(ctx, input, 'setup_intent.created', setupIntentSnapshot(si))
  if (confirm) return confirmSetup(ctx, input, si)
  return { ok: true, body: answer(ctx, input, si) }
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const found = findSetupIntent(ctx, input.params.id)
  return isRecord(found) ? { ok: true, body: answer(ctx, input, found) } : found
}

function update(ctx: PspContext, input: OpInput): OpResult {
  const found = findSetupIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  const si = found
  const { form } = input
  rejectUnknown(form, updateParams)
  if (si.status === 'succeeded' || si.status === 'canceled' || si.status === 'processing')
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `You cannot update this SetupIntent because it has a status of ${si.status}.`,
        stripeErrors.setup_intent_unexpected_state,
      ),
    }
  const types = typesOf(form)
  if (types) checkTypes(types, 'usd', 'setup_intent')
  const customer = str(form, 'customer')
  const badCustomer = checkCustomer(ctx, customer)
  if (badCustomer) return badCustomer
  const paymentMethod = str(form, 'payment_method', 255)
  const badMethod = checkPaymentMethod(ctx, paymentMethod)
  if (badMethod) return badMethod
  const description = str(form, 'description')
  const meta = metadata(form, si.metadata)
  const created = paymentMethodFromData(ctx, form, null, input.nowMs)
  if (types) {
    si.paymentMethodTypes = types
    si.automaticPaymentMethods = null
  }
  if (customer !== undefined) si.customer = customer || null
  if (description !== undefined) si.description = description
  if (meta !== undefined) si.metadata = meta
  const pm = created ?? paymentMethod
  if (pm !== undefined) {
    si.paymentMethod = pm || null
    si.status = si.paymentMethod ? 'requires_confirmation' : 'requires_payment_method'
  }
  return { ok: true, body: answer(ctx, input, si) }
}

function confirm(ctx: PspContext, input: OpInput): OpResult {
  const found = findSetupIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  rejectUnknown(input.form, confirmParams)
  const paymentMethod = str(input.form, 'payment_method', 255)
  const badMethod = checkPaymentMethod(ctx, paymentMethod)
  if (badMethod) return badMethod
  const movable = (confirmable as readonly string[]).includes(found.status)
  const created = movable ? paymentMethodFromData(ctx, input.form, null, input.nowMs) : undefined
  if (movable && (created ?? paymentMethod)) found.paymentMethod = created ?? paymentMethod ?? null
  return confirmSetup(ctx, input, found)
}

/**
 * Confirms a SetupIntent with its card as the test card dictates: success attaches the payment
 * method to the customer (a test token becomes a new stored PaymentMethod, as in Stripe), a card
 * that needs 3-D Secure goes to `requires_action`, a decline is a 402 that leaves it in
 * `requires_payment_method` with `last_setup_error`.
 */
function confirmSetup(ctx: PspContext, input: OpInput, si: SetupIntentRecord): OpResult {
  if (!(confirmable as readonly string[]).includes(si.status))
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `You cannot confirm this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation, requires_action.`,
        stripeErrors.setup_intent_unexpected_state,
      ),
    }
  if (!si.paymentMethod)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'payment_method',
        "You cannot confirm this SetupIntent because it's missing a payment method.",
        stripeErrors.setup_intent_unexpected_state,
      ),
    }
  const card = resolveCard(ctx, si.paymentMethod)
  if (!card)
    return {
      ok: false,
      saved: false,
      failure: resourceMissing('payment_method', si.paymentMethod, 'PaymentMethod'),
    }
  return applySetupOutcome(ctx, input, si, card.outcome)
}

/** Moves a SetupIntent by an authorisation outcome (also the admin `authenticate` route's). */
export function applySetupOutcome(
  ctx: PspContext,
  input: OpInput,
  si: SetupIntentRecord,
  outcome: TestCardOutcome,
): OpResult {
  if (outcome.kind === 'requires_action') {
    si.status = 'requires_action'
    si.lastSetupError = null
    recordEvent(ctx, input, 'setup_intent.requires_action', setupIntentSnapshot(si))
    return { ok: true, body: answer(ctx, input, si) }
  }
  if (outcome.kind === 'decline') {
    si.status = 'requires_payment_method'
    si.lastSetupError = {
      type: 'card_error',
      code: outcome.code,
      ...(outcome.declineCode !== undefined ? { decline_code: outcome.declineCode } : {}),
      message: outcome.message,
      doc_url: docUrl(outcome.code),
    }
    recordEvent(ctx, input, 'setup_intent.setup_failed', setupIntentSnapshot(si))
    return {
      ok: false,
      saved: true,
      failure: {
        status: statusOf(stripeErrors[outcome.code]),
        error: { ...si.lastSetupError, setup_intent: renderSetupIntent(si) },
      },
    }
  }
  if (!canMoveSetupIntent(si.status, 'succeeded')) return { ok: true, body: answer(ctx, input, si) }
  si.status = 'succeeded'
  si.lastSetupError = null
  if (si.customer && si.paymentMethod) attach(ctx, input, si, si.customer, si.paymentMethod)
  recordEvent(ctx, input, 'setup_intent.succeeded', setupIntentSnapshot(si))
  return { ok: true, body: answer(ctx, input, si) }
}

/** Attaches the SetupIntent's payment method to its customer (a test token becomes a stored one). */
function attach(ctx: PspContext, input: OpInput, si: SetupIntentRecord, customer: string, id: string): void {
  let pm = ctx.state.paymentMethods.get(id)
  if (!pm) {
    const card = resolveCard(ctx, id)
    if (!card) return
    pm = ctx.state.paymentMethods.add({
      id: ctx.ids.next('pm', 16),
      testToken: id,
      card: { brand: card.brand, last4: card.last4, expMonth: 12, expYear: 2034 },
      customer: null,
      created: Math.floor(input.nowMs / 1000),
      metadata: {},
    })
    si.paymentMethod = pm.id
  }
  if (pm.customer === customer) return
  const attached = ctx.state.paymentMethodsByCustomer
  if (!attached.get(customer).includes(pm.id)) attached.add(customer, pm.id)
  pm.customer = customer
  const copy = { ...pm }
  recordEvent(ctx, input, 'payment_method.attached', () => renderPaymentMethod(copy))
}

function cancel(ctx: PspContext, input: OpInput): OpResult {
  const found = findSetupIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  rejectUnknown(input.form, new Set(['cancellation_reason']))
  const reason = oneOf(input.form, 'cancellation_reason', [
    'abandoned',
    'requested_by_customer',
    'duplicate',
  ] as const)
  if (!(confirmable as readonly string[]).includes(found.status))
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `You cannot cancel this SetupIntent because it has a status of ${found.status}. Only a SetupIntent with one of the following statuses may be canceled: requires_payment_method, requires_confirmation, requires_action.`,
        stripeErrors.setup_intent_unexpected_state,
      ),
    }
  found.status = 'canceled'
  found.cancellationReason = reason ?? null
  recordEvent(ctx, input, 'setup_intent.canceled', setupIntentSnapshot(found))
  return { ok: true, body: answer(ctx, input, found) }
}

function list(ctx: PspContext, input: OpInput): OpResult {
  const form: FormObject = input.form
  const customer = str(form, 'customer')
  const paymentMethod = str(form, 'payment_method')
  const inCreated = createdFilter(form)
  const keep = allOf<SetupIntentRecord>(
    customer === undefined ? undefined : (si) => si.customer === customer,
    paymentMethod === undefined ? undefined : (si) => si.paymentMethod === paymentMethod,
    inCreated === undefined ? undefined : (si) => inCreated(si.created),
  )
  return listPage(
    input,
    '/v1/setup_intents',
    ctx.state.setupIntents.order,
    (id) => {
      const si = ctx.state.setupIntents.get(id)
      return si ? answer(ctx, input, si) : undefined
    },
    new Set(['customer', 'payment_method', 'created', 'attach_to_self']),
    byId((id) => ctx.state.setupIntents.get(id), keep),
  )
}

/** The SetupIntents endpoints. */
export const setupIntentEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/setup_intents', answers: { object: 'setup_intent' }, run: create },
  { method: 'GET', path: '/v1/setup_intents', answers: { object: 'setup_intent', list: true }, run: list },
  { method: 'GET', path: '/v1/setup_intents/:id', answers: { object: 'setup_intent' }, run: retrieve },
  { method: 'POST', path: '/v1/setup_intents/:id', answers: { object: 'setup_intent' }, run: update },
  {
    method: 'POST',
    path: '/v1/setup_intents/:id/confirm',
    answers: { object: 'setup_intent' },
    run: confirm,
  },
  { method: 'POST', path: '/v1/setup_intents/:id/cancel', answers: { object: 'setup_intent' }, run: cancel },
]
