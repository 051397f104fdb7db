import type { DisputeRecord, DisputeTransaction } from '../disputes/disputes.js'
import type { ChargeRecord, RefundRecord } from '../psp-records.js'
import type { PspState } from '../psp-state.js'

/**
 * Balance transactions are not stored: each is a pure function of the charge, refund or dispute
 * it comes from (docs.stripe.com/api/balance_transactions), rendered on demand. Only a dispute's
 * are kept, on the dispute (few charges are disputed). The order they happened in is
 * `state.balanceOrder` (charges at capture, dispute movements) merged with `state.refunds.order`.
 */
export interface BalanceTransaction {
  id: string
  /** Minor units; negative for money out (refunds, dispute withdrawals). */
  amount: number
  currency: string
  fee: number
  feeDescription: string | null
  /** Unix seconds. */
  created: number
  availableOn: number
  type: 'charge' | 'refund' | 'adjustment'
  reportingCategory: 'charge' | 'refund' | 'dispute' | 'dispute_reversal'
  source: string
  description: string | null
}

const daySeconds = 86_400

/**
 * Stripe's US card pricing, 2.9% + 30¢ (stripe.com/pricing), the percentage rounded half up to the
 * minor unit as Stripe's fee line shows it; the 30 is in the charge's own minor units.
 * @example cardFee(2000) // 88
 */
export function cardFee(amount: number): number {
  return Math.floor((amount * 29 + 500) / 1000) + 30
}

/** Stripe's dispute fee: 15.00 (in the charge's currency here, which the simulator settles in). */
export const disputeFee = 1500

/** Funds from a card charge become available two days after it, at 00:00 UTC (US standard payouts). */
function chargeAvailableOn(created: number): number {
  return Math.floor(created / daySeconds) * daySeconds + 2 * daySeconds
}

/** The part of an id after its prefix: `ch_00001aB…` → `00001aB…`. */
function suffixOf(id: string): string {
  return id.slice(id.indexOf('_') + 1)
}

/** The id of the balance transaction a charge or refund renders (`txn_` + the same suffix). */
export function transactionIdOf(sourceId: string): string {
  return `txn_${suffixOf(sourceId)}`
}

/** When a charge's funds moved: at its capture (a separate capture is remembered on the charge). */
export function chargeMovedAt(charge: ChargeRecord): number {
  return charge.extra?.capturedAt ?? charge.created
}

/** A captured charge's balance transaction (undefined until it is captured). */
export function chargeTransaction(
  charge: ChargeRecord,
  bypassPending = false,
): BalanceTransaction | undefined {
  if (!charge.captured || charge.status !== 'succeeded') return undefined
  const created = chargeMovedAt(charge)
  return {
    id: transactionIdOf(charge.id),
    amount: charge.amountCaptured,
    currency: charge.currency,
    fee: cardFee(charge.amountCaptured),
    feeDescription: 'Stripe processing fees',
    created,
    availableOn: bypassPending ? created : chargeAvailableOn(created),
    type: 'charge',
    reportingCategory: 'charge',
    source: charge.id,
    description: charge.extra?.description ?? null,
  }
}

/** A refund's balance transaction: the amount leaves at once, and Stripe keeps the charge's fee. */
export function refundTransaction(refund: RefundRecord): BalanceTransaction | undefined {
  if (refund.status !== 'succeeded') return undefined
  return {
    id: transactionIdOf(refund.id),
    amount: -refund.amount,
    currency: refund.currency,
    fee: 0,
    feeDescription: null,
    created: refund.created,
    availableOn: refund.created,
    type: 'refund',
    reportingCategory: 'refund',
    source: refund.id,
    description: 'REFUND FOR CHARGE',
  }
}

/** A dispute's withdrawal (−amount, fee 15.00) or reinstatement (+amount, the fee returned). */
export function disputeTransaction(dispute: DisputeRecord, moved: DisputeTransaction): BalanceTransaction {
  const withdrawal = moved.kind === 'withdrawal'
  return {
    id: moved.id,
    amount: withdrawal ? -dispute.amount : dispute.amount,
    currency: dispute.currency,
    fee: withdrawal ? disputeFee : -disputeFee,
    feeDescription: withdrawal ? 'Dispute fee' : 'Dispute fee refund',
    created: moved.created,
    availableOn: moved.created,
    type: 'adjustment',
    reportingCategory: withdrawal ? 'dispute' : 'dispute_reversal',
    source: dispute.id,
    description: withdrawal
      ? `Chargeback withdrawal for ${dispute.charge}`
      : `Chargeback reversal for ${dispute.charge}`,
  }
}

/** Whether the card behind a charge puts its funds in the available balance at once. */
function bypasses(charge: ChargeRecord): boolean {
  return 'bypassPending' in charge.card && charge.card.bypassPending === true
}

/** The balance transaction of a charge by id, if it has one. */
export function transactionOfCharge(state: PspState, chargeId: string): BalanceTransaction | undefined {
  const charge = state.charges.get(chargeId)
  return charge ? chargeTransaction(charge, bypasses(charge)) : undefined
}

/** The balance transaction a `balanceOrder` entry names: a charge id, or a dispute movement's `txn_…`. */
function transactionOfOrderEntry(state: PspState, entry: string): BalanceTransaction | undefined {
  if (!entry.startsWith('txn_')) return transactionOfCharge(state, entry)
  return findDisputeTransaction(state, entry)
}

/** Disputes are few, so their movements are found by walking them. */
function findDisputeTransaction(state: PspState, id: string): BalanceTransaction | undefined {
  for (const disputeId of state.disputes.order) {
    const dispute = state.disputes.get(disputeId)
    const moved = dispute?.transactions.find((t) => t.id === id)
    if (dispute && moved) return disputeTransaction(dispute, moved)
  }
  return undefined
}

/** Finds a balance transaction by its id: a charge's, a refund's, or a dispute's. */
export function findBalanceTransaction(state: PspState, id: string): BalanceTransaction | undefined {
  if (!id.startsWith('txn_')) return undefined
  const suffix = id.slice(4)
  const charge = state.charges.get(`ch_${suffix}`)
  if (charge) return chargeTransaction(charge, bypasses(charge))
  const refund = state.refunds.get(`re_${suffix}`)
  if (refund) return refundTransaction(refund)
  return findDisputeTransaction(state, id)
}

/**
 * Every balance transaction, newest first: `balanceOrder` and the refunds merged by time (both
 * are appended as money moves). On a tie a refund counts as the newer (it follows its charge).
 */
export function* newestFirst(state: PspState): Generator<BalanceTransaction> {
  const order = state.balanceOrder
  const refunds = state.refunds.order
  let i = order.length - 1
  let j = refunds.length - 1
  let a = i >= 0 ? transactionOfOrderEntry(state, order[i] ?? '') : undefined
  let b = j >= 0 ? refundAt(state, refunds[j]) : undefined
  while (i >= 0 || j >= 0) {
    if (i >= 0 && a === undefined) {
      a = --i >= 0 ? transactionOfOrderEntry(state, order[i] ?? '') : undefined
      continue
    }
    if (j >= 0 && b === undefined) {
      b = --j >= 0 ? refundAt(state, refunds[j]) : undefined
      continue
    }
    if (b !== undefined && (a === undefined || b.created >= a.created)) {
      yield b
      b = --j >= 0 ? refundAt(state, refunds[j]) : undefined
    } else if (a !== undefined) {
      yield a
      a = --i >= 0 ? transactionOfOrderEntry(state, order[i] ?? '') : undefined
    }
  }
}

function refundAt(state: PspState, id: string | undefined): BalanceTransaction | undefined {
  const refund = id === undefined ? undefined : state.refunds.get(id)
  return refund ? refundTransaction(refund) : undefined
}

/** Renders a balance transaction as Stripe's JSON; `status` follows the simulator's clock. */
export function renderBalanceTransaction(txn: BalanceTransaction, nowMs: number): Record<string, unknown> {
  return {
    id: txn.id,
    object: 'balance_transaction',
    amount: txn.amount,
    available_on: txn.availableOn,
    balance_type: 'payments',
    created: txn.created,
    currency: txn.currency,
    description: txn.description,
    exchange_rate: null,
    fee: txn.fee,
    fee_details:
      txn.fee === 0
        ? []
        : [
            {
              amount: txn.fee,
              application: null,
              currency: txn.currency,
              description: txn.feeDescription,
              type: 'stripe_fee',
            },
          ],
    net: txn.amount - txn.fee,
    reporting_category: txn.reportingCategory,
    source: txn.source,
    status: nowMs / 1000 >= txn.availableOn ? 'available' : 'pending',
    type: txn.type,
  }
}

/** A charge's `balance_transaction` field: null until captured, the id, or the object when expanded. */
export function chargeBalanceField(
  charge: ChargeRecord,
  state: PspState,
  expand: ReadonlySet<string>,
): unknown {
  const txn = chargeTransaction(charge, bypasses(charge))
  if (!txn) return null
  return expand.has('balance_transaction') ? renderBalanceTransaction(txn, state.clockMs()) : txn.id
}

/** A refund's `balance_transaction` field. */
export function refundBalanceField(
  refund: RefundRecord,
  state: PspState,
  expand: ReadonlySet<string>,
): unknown {
  const txn = refundTransaction(refund)
  if (!txn) return null
  return expand.has('balance_transaction') ? renderBalanceTransaction(txn, state.clockMs()) : txn.id
}
