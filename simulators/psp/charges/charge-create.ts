import { statusOf, stripeErrors } from '../../error-codes.js'
import { chargeCaptured } from './charge-captured.js'
import { bool, currency, int, metadata, missing, rejectUnknown, str } from '../wire/form-params.js'
import type { LedgerRecord } from '../balance/ledger.js'
import type { PspContext } from '../psp-context.js'
import type { ChargeExtra, ChargeFailure, ChargeRecord } from '../psp-records.js'
import { recordEvent } from '../events/record-activity.js'
import { renderCharge } from '../render-objects.js'
import { chargeSnapshot } from '../events/snapshots.js'
import { cardError, docUrl, invalidParam, resourceMissing, unexpectedState } from '../wire/stripe-error.js'
import type { OpInput, OpResult } from '../wire/stripe-endpoint.js'
import {
  testCardByLast4,
  testPaymentMethods,
  testTokenCard,
  type TestCard,
} from '../payment-methods/test-payment-methods.js'

/** A card that needs 3-D Secure cannot be authenticated on this API: Stripe declines it. */
const needsAuthentication: ChargeFailure = {
  code: 'card_declined',
  message: 'Your card was declined. This transaction requires authentication.',
  declineCode: 'authentication_required',
}

const createParams = new Set([
  'amount',
  'currency',
  'source',
  'customer',
  'capture',
  'description',
  'metadata',
  'receipt_email',
  'statement_descriptor',
  'statement_descriptor_suffix',
])
const updateParams = new Set(['description', 'metadata', 'receipt_email'])
const captureParams = new Set(['amount', 'receipt_email', 'statement_descriptor'])
const noRefunds: readonly string[] = []

/**
 * A charge made without an intent moves money too, so it enters the ledger; with no intent its
 * `paymentIntentId` is the charge's own id (the ledger's contract has no other place for it).
 */
function recordChargeLedger(
  ctx: PspContext,
  input: OpInput,
  type: LedgerRecord['type'],
  charge: ChargeRecord,
  amount: number,
): void {
  ctx.state.ledger.push({
    type,
    paymentIntentId: charge.id,
    amount,
    currency: charge.currency,
    idempotencyKey: input.idempotencyKey,
    metadata: charge.metadata,
    atMs: input.nowMs,
  })
}

/** What `source` (or the customer's default source) charges: a test token, a card source, a test PaymentMethod. */
function cardToCharge(
  ctx: PspContext,
  source: string | undefined,
  customer: string | null,
): TestCard | OpResult {
  if (source !== undefined) {
    const token = testTokenCard(source)
    if (token) return token.card
    const test = testPaymentMethods.get(source) ?? storedMethod(ctx, source)
    if (test) return test
    const owned = customer ? ctx.state.customerBooks.sources.of(customer, source) : undefined
    const card = owned?.object === 'card' ? testCardByLast4(owned.last4) : undefined
    if (card) return { ...card, last4: owned?.last4 ?? card.last4 }
    return {
      ok: false,
      saved: false,
      failure: resourceMissing('source', source, source.startsWith('tok_') ? 'token' : 'source'),
    }
  }
  const record = customer ? ctx.state.customers.get(customer) : undefined
  const defaultSource = record?.defaultSource ?? null
  const owned =
    customer && defaultSource ? ctx.state.customerBooks.sources.of(customer, defaultSource) : undefined
  if (owned?.object === 'card') {
    const card = testCardByLast4(owned.last4)
    if (card) return { ...card, brand: owned.brand, last4: owned.last4 }
  }
  // Wording as Stripe answers a charge of a customer without a card (its `missing` card_error).
  return {
    ok: false,
    saved: false,
    failure: cardError(stripeErrors.missing, 'Cannot charge a customer that has no active card', {
      param: 'card',
    }),
  }
}

function storedMethod(ctx: PspContext, id: string): TestCard | undefined {
  const pm = ctx.state.paymentMethods.get(id)
  const card = pm ? testPaymentMethods.get(pm.testToken) : undefined
  return card && pm ? { ...card, last4: pm.card.last4 } : undefined
}

/**
 * `POST /v1/charges` (the legacy Charges API): charges a test token (`source=tok_visa`), a card
 * source of the customer, or the customer's default source. `capture=false` authorises only.
 * A decline is a 402 card_error naming the failed charge, saved under the key, as Stripe does.
 */
export function createCharge(ctx: PspContext, input: OpInput): OpResult {
  const { form } = input
  rejectUnknown(form, createParams)
  const amount = int(form, 'amount', 0) ?? missing('amount')
  if (amount < 50)
    return {
      ok: false,
      saved: false,
      failure: invalidParam('amount', 'Amount must be at least $0.50 usd', stripeErrors.amount_too_small),
    }
  const cur = currency(form) ?? missing('currency')
  const source = str(form, 'source', 255)
  const customer = str(form, 'customer') ?? null
  if (source === undefined && customer === null)
    return {
      ok: false,
      saved: false,
      failure: invalidParam('source', 'Must provide source or customer.', stripeErrors.parameter_missing),
    }
  if (customer && !ctx.state.customers.get(customer))
    return { ok: false, saved: false, failure: resourceMissing('customer', customer, 'customer') }
  const capture = bool(form, 'capture') ?? true
  const description = str(form, 'description') ?? null
  const receiptEmail = str(form, 'receipt_email', 800) ?? null
  const statementDescriptor = str(form, 'statement_descriptor', 22) ?? null
  str(form, 'statement_descriptor_suffix', 22)
  const meta = metadata(form) ?? {}
  const card = cardToCharge(ctx, source, customer)
  if ('ok' in card) return card
  const outcome = card.outcome
  const extra: ChargeExtra = {
    ...(description !== null ? { description } : {}),
    ...(receiptEmail !== null ? { receiptEmail } : {}),
    ...(statementDescriptor !== null ? { statementDescriptor } : {}),
  }
  const charge: ChargeRecord = {
    id: ctx.ids.next('ch', 16),
    amount,
    amountCaptured: 0,
    amountRefunded: 0,
    currency: cur,
    captured: false,
    // A card that needs 3-D Secure cannot be authenticated on this API: Stripe declines it.
    status: outcome.kind === 'succeed' ? 'succeeded' : 'failed',
    paymentIntent: '',
    paymentMethod: null,
    customer,
    created: Math.floor(input.nowMs / 1000),
    metadata: meta,
    failure:
      outcome.kind === 'decline' ? outcome : outcome.kind === 'requires_action' ? needsAuthentication : null,
    card,
    refunds: noRefunds,
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  }
  ctx.state.charges.add(charge)
  if (charge.status === 'failed') {
    recordEvent(ctx, input, 'charge.failed', chargeSnapshot(charge, ctx.state))
    const code = outcome.kind === 'decline' ? outcome.code : stripeErrors.card_declined.code
    return {
      ok: false,
      saved: true,
      failure: {
        status: statusOf(stripeErrors[code]),
        error: {
          type: 'card_error',
          code,
          ...(charge.failure?.declineCode !== undefined
            ? { decline_code: charge.failure.declineCode as never }
            : {}),
          message: charge.failure?.message ?? 'Your card was declined.',
          charge: charge.id,
          doc_url: docUrl(code),
        },
      },
    }
  }
  recordChargeLedger(ctx, input, 'authorization', charge, amount)
  if (capture) {
    charge.captured = true
    charge.amountCaptured = amount
    recordChargeLedger(ctx, input, 'capture', charge, amount)
  }
  recordEvent(ctx, input, 'charge.succeeded', chargeSnapshot(charge, ctx.state))
  if (capture) chargeCaptured(ctx, input, charge)
  return { ok: true, body: renderCharge(charge, ctx.state, input.expand) }
}

function findCharge(ctx: PspContext, id: string | undefined): ChargeRecord | OpResult {
  const charge = id ? ctx.state.charges.get(id) : undefined
  return charge ?? { ok: false, saved: false, failure: resourceMissing('charge', id ?? '', 'charge') }
}

const isRecord = (value: ChargeRecord | OpResult): value is ChargeRecord => 'captured' in value

/** `POST /v1/charges/:id`: description, metadata and receipt email (the fields Stripe lets change). */
export function updateCharge(ctx: PspContext, input: OpInput): OpResult {
  const found = findCharge(ctx, input.params.id)
  if (!isRecord(found)) return found
  rejectUnknown(input.form, updateParams)
  const description = str(input.form, 'description')
  const receiptEmail = str(input.form, 'receipt_email', 800)
  const meta = metadata(input.form, found.metadata)
  if (meta !== undefined) found.metadata = meta
  if (description !== undefined || receiptEmail !== undefined)
    found.extra = {
      ...found.extra,
      ...(description !== undefined ? { description: description || null } : {}),
      ...(receiptEmail !== undefined ? { receiptEmail: receiptEmail || null } : {}),
    }
  recordEvent(ctx, input, 'charge.updated', chargeSnapshot(found, ctx.state))
  return { ok: true, body: renderCharge(found, ctx.state, input.expand) }
}

/**
 * `POST /v1/charges/:id/capture`: captures an uncaptured charge made with `capture=false`, whole
 * or in part (`amount`). A charge made by a PaymentIntent is captured through its intent.
 */
export function captureCharge(ctx: PspContext, input: OpInput): OpResult {
  const found = findCharge(ctx, input.params.id)
  if (!isRecord(found)) return found
  const charge = found
  rejectUnknown(input.form, captureParams)
  const amount = int(input.form, 'amount', 1) ?? charge.amount
  const receiptEmail = str(input.form, 'receipt_email', 800)
  const statementDescriptor = str(input.form, 'statement_descriptor', 22)
  if (charge.paymentIntent)
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `This charge was created by the PaymentIntent ${charge.paymentIntent}: capture it with POST /v1/payment_intents/${charge.paymentIntent}/capture.`,
      ),
    }
  if (charge.captured)
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(
        `Charge ${charge.id} has already been captured.`,
        stripeErrors.charge_already_captured,
      ),
    }
  if (charge.status !== 'succeeded')
    return {
      ok: false,
      saved: true,
      failure: unexpectedState(`Charge ${charge.id} has failed and cannot be captured.`),
    }
  if (amount > charge.amount)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'amount',
        `Amount must be no more than the charge's amount (${charge.amount}).`,
        stripeErrors.amount_too_large,
      ),
    }
  if (receiptEmail !== undefined || statementDescriptor !== undefined)
    charge.extra = {
      ...charge.extra,
      ...(receiptEmail !== undefined ? { receiptEmail } : {}),
      ...(statementDescriptor !== undefined ? { statementDescriptor } : {}),
    }
  charge.captured = true
  charge.amountCaptured = amount
  recordChargeLedger(ctx, input, 'capture', charge, amount)
  chargeCaptured(ctx, input, charge)
  recordEvent(ctx, input, 'charge.captured', chargeSnapshot(charge, ctx.state))
  return { ok: true, body: renderCharge(charge, ctx.state, input.expand) }
}
