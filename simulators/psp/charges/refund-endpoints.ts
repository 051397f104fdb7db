import { stripeErrors, stripeErrorTypes } from '../../error-codes.js'
import { refundSnapshot, chargeSnapshot } from '../events/snapshots.js'
import { int, metadata, oneOf, rejectUnknown, str } from '../wire/form-params.js'
import { allOf, byId, createdFilter } from '../wire/list-filters.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import type { ChargeRecord, RefundRecord } from '../psp-records.js'
import { recordEvent, recordLedger } from '../events/record-activity.js'
import { renderRefund } from '../render-objects.js'
import { invalidParam, resourceMissing, unexpectedState } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

const createParams = new Set(['payment_intent', 'charge', 'amount', 'reason', 'metadata'])

function findCharge(ctx: PspContext, input: OpInput): ChargeRecord | OpResult {
  const chargeId = str(input.form, 'charge')
  const intentId = str(input.form, 'payment_intent')
  if (chargeId === undefined && intentId === undefined)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'payment_intent',
        'One of payment_intent or charge is required.',
        stripeErrors.parameter_missing,
      ),
    }
  if (chargeId !== undefined) {
    const charge = ctx.state.charges.get(chargeId)
    return charge ?? { ok: false, saved: false, failure: resourceMissing('charge', chargeId, 'charge') }
  }
  const pi = ctx.state.intents.get(intentId ?? '')
  if (!pi)
    return {
      ok: false,
      saved: false,
      failure: resourceMissing('payment_intent', intentId ?? '', 'payment_intent'),
    }
  const charge = pi.latestCharge ? ctx.state.charges.get(pi.latestCharge) : undefined
  if (!charge || !charge.captured)
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        stripeErrors.charge_not_refundable,
      ),
    }
  return charge
}

function create(ctx: PspContext, input: OpInput): OpResult {
  rejectUnknown(input.form, createParams)
  const found = findCharge(ctx, input)
  if ('ok' in found) return found
  const charge = found
  const remaining = charge.amountCaptured - charge.amountRefunded
  if (!charge.captured || remaining <= 0)
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `Charge ${charge.id} has already been refunded.`,
        stripeErrors.charge_already_refunded,
      ),
    }
  const amount = int(input.form, 'amount', 1) ?? remaining
  if (amount > remaining)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'amount',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
        stripeErrors.amount_too_large,
      ),
    }
  const refund: RefundRecord = {
    id: ctx.ids.next('re', 16),
    amount,
    charge: charge.id,
    paymentIntent: charge.paymentIntent,
    currency: charge.currency,
    status: 'succeeded',
    reason:
      oneOf(input.form, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null,
    created: Math.floor(input.nowMs / 1000),
    metadata: metadata(input.form) ?? {},
  }
  ctx.state.refunds.add(refund)
  ctx.state.refundsByIntent.add(charge.paymentIntent, refund.id)
  charge.amountRefunded += amount
  charge.refunds = [...charge.refunds, refund.id]
  const pi = ctx.state.intents.get(charge.paymentIntent)
  if (pi) recordLedger(ctx, input, 'refund', pi, amount)
  recordEvent(ctx, input, 'refund.created', refundSnapshot(refund, ctx.state))
  recordEvent(ctx, input, 'charge.refunded', chargeSnapshot(charge, ctx.state))
  return { ok: true, body: renderRefund(refund, ctx.state, input.expand) }
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const refund = ctx.state.refunds.get(input.params.id ?? '')
  if (!refund)
    return { ok: false, saved: false, failure: resourceMissing('id', input.params.id ?? '', 'refund') }
  return { ok: true, body: renderRefund(refund, ctx.state, input.expand) }
}

function list(ctx: PspContext, input: OpInput): OpResult {
  const intent = str(input.form, 'payment_intent')
  const chargeId = str(input.form, 'charge')
  const ids =
    chargeId !== undefined
      ? (ctx.state.charges.get(chargeId)?.refunds ?? [])
      : intent !== undefined
        ? ctx.state.refundsByIntent.get(intent)
        : ctx.state.refunds.order
  const created = createdFilter(input.form)
  const get = (id: string): RefundRecord | undefined => ctx.state.refunds.get(id)
  return listPage(
    input,
    '/v1/refunds',
    ids,
    (id) => {
      const refund = get(id)
      return refund ? renderRefund(refund, ctx.state, input.expand) : undefined
    },
    new Set(['payment_intent', 'charge', 'created']),
    byId(
      get,
      allOf<RefundRecord>(
        created && ((r) => created(r.created)),
        // Both filters given: a refund must match both.
        chargeId !== undefined && intent !== undefined ? (r) => r.paymentIntent === intent : undefined,
      ),
    ),
  )
}

/** `POST /v1/refunds/{id}`: only `metadata` changes. */
function update(ctx: PspContext, input: OpInput): OpResult {
  const refund = ctx.state.refunds.get(input.params.id ?? '')
  if (!refund)
    return { ok: false, saved: false, failure: resourceMissing('id', input.params.id ?? '', 'refund') }
  rejectUnknown(input.form, new Set(['metadata']))
  const meta = metadata(input.form, refund.metadata)
  if (meta !== undefined) refund.metadata = meta
  recordEvent(ctx, input, 'refund.updated', refundSnapshot(refund, ctx.state))
  return { ok: true, body: renderRefund(refund, ctx.state, input.expand) }
}

/**
 * `POST /v1/refunds/{id}/cancel`: Stripe cancels only a refund in `requires_action` (one
 * waiting for the customer, which card refunds never are); the refunded amount returns to
 * the charge.
 */
function cancel(ctx: PspContext, input: OpInput): OpResult {
  const refund = ctx.state.refunds.get(input.params.id ?? '')
  if (!refund)
    return { ok: false, saved: false, failure: resourceMissing('id', input.params.id ?? '', 'refund') }
  rejectUnknown(input.form, new Set())
  if (refund.status !== 'requires_action')
    return {
      ok: false,
      saved: true,
      failure: {
        status: 400,
        error: {
          type: stripeErrorTypes.invalid_request_error.code,
          message: `Refund ${refund.id} cannot be canceled because it has a status of ${refund.status}. Only a refund with a status of requires_action can be canceled.`,
        },
      },
    }
  refund.status = 'canceled'
  const charge = ctx.state.charges.get(refund.charge)
  if (charge) charge.amountRefunded -= refund.amount
  recordEvent(ctx, input, 'refund.updated', refundSnapshot(refund, ctx.state))
  return { ok: true, body: renderRefund(refund, ctx.state, input.expand) }
}

/** The Refunds endpoints. */
export const refundEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/refunds', answers: { object: 'refund' }, run: create },
  { method: 'GET', path: '/v1/refunds', answers: { object: 'refund', list: true }, run: list },
  { method: 'GET', path: '/v1/refunds/:id', answers: { object: 'refund' }, run: retrieve },
  { method: 'POST', path: '/v1/refunds/:id', answers: { object: 'refund' }, run: update },
  { method: 'POST', path: '/v1/refunds/:id/cancel', answers: { object: 'refund' }, run: cancel },
]
