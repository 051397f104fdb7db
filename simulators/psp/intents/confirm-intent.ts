import { statusOf, stripeErrors, stripeErrorTypes } from '../../error-codes.js'
import { chargeCaptured } from '../charges/charge-captured.js'
import { findPaymentMethod } from '../payment-methods/derived-payment-methods.js'
import { beforeIntentChange } from './intent-view.js'
import { intentResult } from './intent-result.js'
import { intentSnapshot, chargeSnapshot } from '../events/snapshots.js'
import { canTransition } from './intent-transitions.js'
import type { PspContext } from '../psp-context.js'
import type { ChargeRecord, IntentRecord } from '../psp-records.js'
import { recordEvent, recordLedger } from '../events/record-activity.js'
import { renderIntent } from '../render-objects.js'
import { docUrl, resourceMissing, unexpectedState } from '../wire/stripe-error.js'
import type { OpInput, OpResult } from '../wire/stripe-endpoint.js'
import {
  testPaymentMethods,
  type TestCard,
  type TestCardOutcome,
} from '../payment-methods/test-payment-methods.js'

/** Shared by every charge until its first refund (a charge's list is replaced, never pushed to). */
const noRefunds: readonly string[] = []

/**
 * Resolves a payment method id (a test token, a created card PaymentMethod, or the id an intent
 * shows for its test token) to its test card.
 */
export function resolveCard(ctx: PspContext, id: string): TestCard | undefined {
  const stored = findPaymentMethod(ctx.state, id)
  const token = stored ? stored.testToken : id
  const card = testPaymentMethods.get(token)
  return card && stored ? { ...card, last4: stored.card.last4 } : card
}

/**
 * Confirms an intent: authorises with its payment method as the test card dictates, captures
 * at once unless `capture_method=manual`, records ledger entries and events. A decline is a
 * 402 card_error that leaves the intent in `requires_payment_method` (and is saved under the key).
 */
export function confirmIntent(ctx: PspContext, input: OpInput, pi: IntentRecord): OpResult {
  if (!canTransition(pi.status, 'requires_capture') || pi.status === 'processing')
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_payment_method, requires_action.`,
      ),
    }
  if (!pi.paymentMethod)
    return {
      ok: false,
      saved: false,
      failure: {
        status: 400,
        error: {
          type: stripeErrorTypes.invalid_request_error.code,
          code: stripeErrors.payment_intent_unexpected_state.code,
          param: 'payment_method',
          message: "You cannot confirm this PaymentIntent because it's missing a payment method.",
          doc_url: docUrl(stripeErrors.payment_intent_unexpected_state.code),
        },
      },
    }
  const card = resolveCard(ctx, pi.paymentMethod)
  if (!card)
    return {
      ok: false,
      saved: false,
      failure: resourceMissing('payment_method', pi.paymentMethod, 'PaymentMethod'),
    }
  return applyOutcome(ctx, input, pi, card, card.outcome)
}

/**
 * Applies an authorisation outcome to an intent: requires_action, a decline (failed charge,
 * 402), or success (charge, ledger authorisation, and capture unless manual).
 */
export function applyOutcome(
  ctx: PspContext,
  input: OpInput,
  pi: IntentRecord,
  card: TestCard,
  outcome: TestCardOutcome,
): OpResult {
  beforeIntentChange(pi)
  const created = Math.floor(input.nowMs / 1000)
  if (outcome.kind === 'requires_action') {
    pi.status = 'requires_action'
    pi.lastPaymentError = null
    recordEvent(ctx, input, 'payment_intent.requires_action', intentSnapshot(pi, ctx.state))
    return intentResult(pi, ctx.state, input)
  }
  const charge: ChargeRecord = {
    id: ctx.ids.next('ch', 16),
    amount: pi.amount,
    amountCaptured: 0,
    amountRefunded: 0,
    currency: pi.currency,
    captured: false,
    status: outcome.kind === 'succeed' ? 'succeeded' : 'failed',
    paymentIntent: pi.id,
    paymentMethod: pi.paymentMethod,
    customer: pi.customer,
    created,
    metadata: pi.metadata,
    failure: outcome.kind === 'decline' ? outcome : null,
    card,
    refunds: noRefunds,
    extra: undefined,
  }
  ctx.state.charges.add(charge)
  ctx.state.chargesByIntent.add(pi.id, charge.id)
  pi.latestCharge = charge.id
  if (outcome.kind === 'decline') {
    pi.status = 'requires_payment_method'
    pi.lastPaymentError = {
      type: 'card_error',
      code: outcome.code,
      ...(outcome.declineCode !== undefined ? { decline_code: outcome.declineCode } : {}),
      message: outcome.message,
      charge: charge.id,
      doc_url: docUrl(outcome.code),
    }
    recordEvent(ctx, input, 'charge.failed', chargeSnapshot(charge, ctx.state))
    recordEvent(ctx, input, 'payment_intent.payment_failed', intentSnapshot(pi, ctx.state))
    return {
      ok: false,
      saved: true,
      failure: {
        status: statusOf(stripeErrors[outcome.code]),
        error: { ...pi.lastPaymentError, payment_intent: renderIntent(pi, ctx.state) },
      },
    }
  }
  pi.lastPaymentError = null
  recordLedger(ctx, input, 'authorization', pi, pi.amount)
  if (pi.captureMethod === 'manual') {
    pi.status = 'requires_capture'
    pi.amountCapturable = pi.amount
    recordEvent(ctx, input, 'charge.succeeded', chargeSnapshot(charge, ctx.state))
    recordEvent(ctx, input, 'payment_intent.amount_capturable_updated', intentSnapshot(pi, ctx.state))
  } else {
    charge.captured = true
    charge.amountCaptured = pi.amount
    pi.status = 'succeeded'
    pi.amountReceived = pi.amount
    recordLedger(ctx, input, 'capture', pi, pi.amount)
    recordEvent(ctx, input, 'charge.succeeded', chargeSnapshot(charge, ctx.state))
    recordEvent(ctx, input, 'payment_intent.succeeded', intentSnapshot(pi, ctx.state))
    chargeCaptured(ctx, input, charge)
  }
  return intentResult(pi, ctx.state, input)
}
