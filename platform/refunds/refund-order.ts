import type { Clock } from '../../lib/clock.js'
import type { IdGenerator } from '../../lib/ids.js'
import type { JourneyContext } from '../../lib/journey-context.js'
import type { Db } from '../db/db.js'
import { problemBody } from '../http/problem.js'
import { money } from '../money.js'
import { toMoneyJson } from '../money-json.js'
import { applyOrderEvent, findOrder, type StoredOrder } from '../orders/order-repo.js'
import type { Order } from '../orders/order-state.js'
import { requestFingerprint } from '../idempotency/fingerprint.js'
import { pspRefundKey, type PspRefunds, type RefundReason } from '../payments/psp-client.js'
import type { TaxClient } from '../tax/tax-client.js'
import {
  findRefund,
  findRefundByKey,
  insertRefund,
  reservedMinor,
  settleRefund,
  type RefundRecord,
  type SavedResponse,
  type TaxAdjustment,
} from './refund-repo.js'

/** Collaborators of {@link refundOrder}. */
export interface RefundDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  psp: PspRefunds
  /** The saga's tax client: a committed invoice gets a return. Absent: no tax documents to adjust. */
  tax: TaxClient | undefined
  /** Send the PSP an Idempotency-Key derived from the refund (the `psp-idempotency` safeguard). */
  pspIdempotency: boolean
}

/** One refund request. */
export interface RefundInput {
  orderId: string
  idempotencyKey: string
  /** @default all that the capture has left */
  amountMinor?: number | undefined
  reason?: RefundReason | undefined
  journey?: JourneyContext | undefined
}

/** What a refund request came to; `answer` is final (saved and replayed for the same key). */
export type RefundResult =
  | { kind: 'answer'; response: SavedResponse; replayed: boolean }
  | { kind: 'not_found' }
  | { kind: 'key_reused' }
  | { kind: 'not_refundable'; status: Order['status']; detail: string }
  | { kind: 'exceeds'; requestedMinor: number; remainingMinor: number }
  /** The PSP's answer was lost: the refund stays `pending`; a retry with the same key completes it. */
  | { kind: 'psp_indeterminate'; refundId: string; reason: string }

type Reserved = { kind: 'reserved'; refund: RefundRecord; stored: StoredOrder }

/**
 * Refunds some or all of a paid order's capture, in three steps so that a crash anywhere leaves
 * something a retry of the same key completes: (1) one transaction locks the order's row
 * (`FOR UPDATE`), checks the amount against what is captured minus what refunds already hold,
 * and reserves a `pending` refund row; (2) the PSP refund, keyed by the refund's id; (3) the tax
 * return for a committed invoice (its failure is recorded `pending`, never undoes the money),
 * then one transaction records the outcome, the order's `refunded` transition and the answer.
 *
 * @example const result = await refundOrder(deps, { orderId, idempotencyKey: 'k1', amountMinor: 500 })
 */
export async function refundOrder(deps: RefundDeps, input: RefundInput): Promise<RefundResult> {
  const fingerprint = requestFingerprint('POST', '/v1/orders/:id/refunds', {
    orderId: input.orderId,
    amountMinor: input.amountMinor,
    reason: input.reason,
  })
  const reserved = await reserve(deps, input, fingerprint)
  if (reserved.kind !== 'reserved') return reserved
  const { refund, stored } = reserved
  const { order } = stored
  if (!('paymentIntentId' in order)) throw new Error(`Failed to refund order (${order.id}): no PaymentIntent`)
  const outcome = await deps.psp.refund({
    orderId: order.id,
    refundId: refund.id,
    paymentIntentId: order.paymentIntentId,
    amount: refund.amount,
    reason: refund.reason,
    idempotencyKey: deps.pspIdempotency ? pspRefundKey(refund.id) : undefined,
    ...(input.journey ? { journey: input.journey } : {}),
  })
  if (outcome.kind === 'indeterminate') {
    return { kind: 'psp_indeterminate', refundId: refund.id, reason: outcome.reason }
  }
  if (outcome.kind === 'failed') {
    const response: SavedResponse = {
      status: 502,
      body: problemBody(
        'PSP_REJECTED',
        `The payment provider refused refund ${refund.id}: ${outcome.pspCode}`,
        { orderId: order.id, refundId: refund.id, pspCode: outcome.pspCode },
      ),
    }
    return record(deps, refund, {
      status: 'failed',
      failureCode: outcome.pspCode,
      taxAdjustment: 'not_needed',
      event: { type: 'refund_failed', amountMinor: refund.amount.amount },
      cause: `refund ${refund.id} refused by the PSP: ${outcome.pspCode}`,
      respond: () => response,
    })
  }
  const tax = await adjustTax(deps, stored, refund, input.journey)
  return record(deps, refund, {
    status: 'succeeded',
    pspRefundId: outcome.pspRefundId,
    taxAdjustment: tax.adjustment,
    event: { type: 'refunded', amountMinor: refund.amount.amount },
    cause: `refund ${refund.id}, PSP ${outcome.pspRefundId}; ${tax.cause}`,
    respond: (now) => ({
      status: 201,
      body: refundJson(refund, outcome.pspRefundId, tax.adjustment, now),
    }),
  })
}

/** Step 1: the key's earlier answer, a refusal, or a `pending` refund to carry out. */
async function reserve(
  deps: RefundDeps,
  input: RefundInput,
  fingerprint: string,
): Promise<Exclude<RefundResult, { kind: 'psp_indeterminate' }> | Reserved> {
  return deps.db.transaction(async (tx) => {
    // The lock serialises every refund of this order: the sum below cannot move under us.
    const stored = await findOrder(tx, input.orderId, true)
    const existing = await findRefundByKey(tx, input.idempotencyKey)
    if (existing) {
      if (existing.fingerprint !== fingerprint) return { kind: 'key_reused' }
      if (existing.response) return { kind: 'answer', response: existing.response, replayed: true }
      if (!stored) throw new Error(`Failed to resume refund (${existing.id}): order not found`)
      // Reserved by an earlier try that never learned the PSP's answer: carry it out again.
      return { kind: 'reserved', refund: existing, stored }
    }
    if (!stored) return { kind: 'not_found' }
    const { order } = stored
    if (order.status !== 'paid') {
      return {
        kind: 'not_refundable',
        status: order.status,
        detail: `Order ${order.id} is ${order.status}; only a paid order can be refunded`,
      }
    }
    const remainingMinor = order.total.amount - (await reservedMinor(tx, order.id))
    if (remainingMinor <= 0) {
      return {
        kind: 'not_refundable',
        status: order.status,
        detail: `Order ${order.id} has nothing left to refund (its refunds hold the whole capture)`,
      }
    }
    const amountMinor = input.amountMinor ?? remainingMinor
    if (amountMinor > remainingMinor) return { kind: 'exceeds', requestedMinor: amountMinor, remainingMinor }
    const now = new Date(deps.clock.now())
    const refund: RefundRecord = {
      id: deps.ids('rfd'),
      orderId: order.id,
      idempotencyKey: input.idempotencyKey,
      fingerprint,
      amount: money(amountMinor, order.total.currency),
      reason: input.reason,
      status: 'pending',
      pspRefundId: undefined,
      taxAdjustment: 'not_needed',
      response: undefined,
      createdAt: now,
    }
    // Taken meanwhile by a refund of another order (this order's are serialised by the lock).
    if (!(await insertRefund(tx, refund, now))) return { kind: 'key_reused' }
    await applyOrderEvent(
      tx,
      order.id,
      { type: 'refund_requested', amountMinor },
      now,
      `refund ${refund.id}${input.reason ? `, ${input.reason}` : ''}`,
    )
    return { kind: 'reserved', refund, stored }
  })
}

/** Step 3a: a committed invoice gets a committed return; a failure stays `pending`, money refunded. */
async function adjustTax(
  deps: RefundDeps,
  stored: StoredOrder,
  refund: RefundRecord,
  journey: JourneyContext | undefined,
): Promise<{ adjustment: TaxAdjustment; cause: string }> {
  const { order } = stored
  const document = order.saga?.taxDocument ?? 'none'
  if (!deps.tax || document === 'none' || document === 'voided') {
    return { adjustment: 'not_needed', cause: 'no tax document to adjust' }
  }
  if (document === 'commit_pending') {
    return { adjustment: 'pending', cause: 'tax adjustment pending: the invoice is not committed yet' }
  }
  const full = refund.amount.amount === order.total.amount
  try {
    const { documentCode } = await deps.tax.refund({
      orderId: order.id,
      refundCode: refund.id,
      percentage: full ? undefined : (refund.amount.amount * 100) / order.total.amount,
      journey,
    })
    return {
      adjustment: 'done',
      cause: `tax ReturnInvoice ${documentCode} (${full ? 'Full' : 'Percentage'})`,
    }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    return { adjustment: 'pending', cause: `tax adjustment pending: ${why}` }
  }
}

/** Step 3b: the PSP's outcome, the order's transition and the answer, in one transaction. */
async function record(
  deps: RefundDeps,
  refund: RefundRecord,
  outcome: Omit<Parameters<typeof settleRefund>[2], 'response'> & {
    status: 'succeeded' | 'failed'
    event: { type: 'refunded' | 'refund_failed'; amountMinor: number }
    cause: string
    /** The answer, from the order as this refund leaves it. */
    respond: (order: Order) => SavedResponse
  },
): Promise<RefundResult> {
  return deps.db.transaction(async (tx) => {
    // Under the order's lock, so parallel retries of this key record it once.
    await findOrder(tx, refund.orderId, true)
    const current = await findRefund(tx, refund.id)
    if (current?.response) return { kind: 'answer', response: current.response, replayed: true }
    const now = new Date(deps.clock.now())
    const moved = await applyOrderEvent(tx, refund.orderId, outcome.event, now, outcome.cause)
    if (!moved.ok) throw new Error(moved.error.detail)
    const response = outcome.respond(moved.order)
    if (!(await settleRefund(tx, refund.id, { ...outcome, response }, now)))
      throw new Error(`Failed to record refund (${refund.id}): it is no longer pending`)
    return { kind: 'answer', response, replayed: false }
  })
}

/** The refund's answer: the refund, and the order's refunded total after it. */
function refundJson(refund: RefundRecord, pspRefundId: string, taxAdjustment: TaxAdjustment, order: Order) {
  return {
    refund: {
      id: refund.id,
      orderId: refund.orderId,
      status: 'succeeded',
      amount: toMoneyJson(refund.amount),
      ...(refund.reason ? { reason: refund.reason } : {}),
      pspRefundId,
      taxAdjustment,
      createdAt: refund.createdAt.toISOString(),
    },
    order: {
      id: order.id,
      status: order.status,
      total: toMoneyJson(order.total),
      refundedMinor: order.refundedMinor ?? 0,
    },
  }
}
