import { stripeErrors } from '../../error-codes.js'
import { resolveCard } from './confirm-intent.js'
import { int, metadata, missing, rejectUnknown, str } from '../wire/form-params.js'
import { intentResult } from './intent-result.js'
import { beforeIntentChange } from './intent-view.js'
import type { PspContext } from '../psp-context.js'
import type { IntentRecord } from '../psp-records.js'
import { recordEvent, recordLedger } from '../events/record-activity.js'
import { intentSnapshot } from '../events/snapshots.js'
import { cardError, invalidParam, resourceMissing, unexpectedState } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

/** Stripe allows ten incremental authorization attempts per intent, declines included. */
const maxIncrements = 10

function findIntent(ctx: PspContext, id: string | undefined): IntentRecord | OpResult {
  const pi = id ? ctx.state.intents.get(id) : undefined
  return pi ?? { ok: false, saved: false, failure: resourceMissing('intent', id ?? '', 'payment_intent') }
}

const isRecord = (value: IntentRecord | OpResult): value is IntentRecord => 'captureMethod' in value

/**
 * `POST /v1/payment_intents/:id/increment_authorization` (docs.stripe.com/payments/incremental-authorization):
 * raises an uncaptured card authorisation to a new total `amount`. Only an intent in
 * `requires_capture` whose confirm asked `payment_method_options[card][request_incremental_authorization]=if_available`
 * may be incremented (Visa, Mastercard, Discover: the card's `incremental_authorization.status`
 * is `available`), at most ten times; a declining test card declines the increment and changes nothing.
 */
function incrementAuthorization(ctx: PspContext, input: OpInput): OpResult {
  const found = findIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  const pi = found
  rejectUnknown(
    input.form,
    new Set([
      'amount',
      'description',
      'metadata',
      'statement_descriptor',
      'application_fee_amount',
      'transfer_data',
    ]),
  )
  const amount = int(input.form, 'amount', 1) ?? missing('amount')
  const description = str(input.form, 'description')
  const meta = metadata(input.form, pi.metadata)
  if (pi.status !== 'requires_capture')
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `You cannot increment the authorization of this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be incremented: requires_capture.`,
      ),
    }
  const card = pi.paymentMethod ? resolveCard(ctx, pi.paymentMethod) : undefined
  if (!pi.extra?.incrementalAuthorization || !card || card.brand === 'amex')
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        'This PaymentIntent is not eligible for incremental authorizations: confirm it with payment_method_options[card][request_incremental_authorization]=if_available on a card whose incremental_authorization.status is available.',
      ),
    }
  if ((pi.extra.increments ?? 0) >= maxIncrements)
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `This PaymentIntent has reached the maximum of ${maxIncrements} incremental authorization attempts.`,
      ),
    }
  if (amount <= pi.amount)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'amount',
        `The new amount (${amount}) must be greater than the PaymentIntent's current amount (${pi.amount}).`,
      ),
    }
  beforeIntentChange(pi)
  pi.extra = { ...pi.extra, increments: (pi.extra.increments ?? 0) + 1 }
  const outcome = card.outcome
  if (outcome.kind === 'decline')
    // A declined increment leaves the intent capturable for what was authorised before.
    return {
      ok: false,
      saved: true,
      failure: cardError(stripeErrors.card_declined, outcome.message, {
        ...(outcome.declineCode !== undefined ? { decline_code: outcome.declineCode } : {}),
      }),
    }
  const delta = amount - pi.amount
  pi.amount = amount
  pi.amountCapturable = amount
  if (description !== undefined) pi.description = description
  if (meta !== undefined) pi.metadata = meta
  const charge = pi.latestCharge ? ctx.state.charges.get(pi.latestCharge) : undefined
  if (charge) charge.amount = amount
  recordLedger(ctx, input, 'authorization', pi, delta)
  recordEvent(ctx, input, 'payment_intent.amount_capturable_updated', intentSnapshot(pi, ctx.state))
  return intentResult(pi, ctx.state, input)
}

/**
 * `POST /v1/payment_intents/:id/apply_customer_balance`: only for an intent that pays with the
 * `customer_balance` method (bank transfers), which the simulator does not confirm; every other
 * intent is refused.
 */
function applyCustomerBalance(ctx: PspContext, input: OpInput): OpResult {
  const found = findIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  rejectUnknown(input.form, new Set(['amount', 'currency']))
  int(input.form, 'amount', 1)
  if (!found.paymentMethodTypes.includes('customer_balance'))
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        'You can only apply customer balance to a PaymentIntent that uses the customer_balance payment method type.',
      ),
    }
  return {
    ok: false,
    saved: true,
    failure: unexpectedState(
      `You cannot apply customer balance to this PaymentIntent because it has a status of ${found.status}. Only a PaymentIntent with one of the following statuses may have customer balance applied: requires_action.`,
    ),
  }
}

/**
 * `POST /v1/payment_intents/:id/verify_microdeposits`: only for a `us_bank_account` intent waiting
 * on micro-deposits (`next_action.type = verify_with_microdeposits`), which the simulator does not
 * make; every other intent is refused.
 */
function verifyMicrodeposits(ctx: PspContext, input: OpInput): OpResult {
  const found = findIntent(ctx, input.params.id)
  if (!isRecord(found)) return found
  rejectUnknown(input.form, new Set(['amounts', 'descriptor_code', 'client_secret']))
  return {
    ok: false,
    saved: true,
    failure: unexpectedState(
      `This PaymentIntent's payment method cannot be verified with micro-deposits: only a us_bank_account PaymentIntent in requires_action with next_action.type verify_with_microdeposits can be (this one is ${found.status}).`,
    ),
  }
}

/** PaymentIntent operations beyond the lifecycle: increment, customer balance, micro-deposits. */
export const intentExtraEndpoints: Endpoint[] = [
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/increment_authorization',
    answers: { object: 'payment_intent' },
    run: incrementAuthorization,
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/apply_customer_balance',
    answers: { object: 'payment_intent' },
    run: applyCustomerBalance,
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/verify_microdeposits',
    answers: { object: 'payment_intent' },
    run: verifyMicrodeposits,
  },
]
