import { renderBalanceTransaction, disputeTransaction } from '../balance/balance-transactions.js'
import type { PspContext } from '../psp-context.js'
import type { ChargeRecord } from '../psp-records.js'
import type { PspState } from '../psp-state.js'
import { recordEvent } from '../events/record-activity.js'
import type { Snapshot } from '../events/snapshots.js'
import type { OpInput } from '../wire/stripe-endpoint.js'
import type { TestCardAftermath } from '../payment-methods/test-payment-methods.js'

/** A dispute's statuses (docs.stripe.com/api/disputes/object#dispute_object-status). */
export type DisputeStatus =
  | 'warning_needs_response'
  | 'warning_under_review'
  | 'warning_closed'
  | 'needs_response'
  | 'under_review'
  | 'won'
  | 'lost'

/** Where each status may go: inquiries (`warning_*`) close or escalate; chargebacks are won or lost. */
export const disputeTransitions = {
  warning_needs_response: ['warning_under_review', 'warning_closed', 'needs_response'],
  warning_under_review: ['warning_closed', 'needs_response'],
  warning_closed: [],
  needs_response: ['under_review', 'won', 'lost'],
  under_review: ['won', 'lost'],
  won: [],
  lost: [],
} as const satisfies Record<DisputeStatus, readonly DisputeStatus[]>

/** Whether a dispute may move from one status to another; closed ones have no exits. */
export function canMoveDispute(from: DisputeStatus, to: DisputeStatus): boolean {
  return (disputeTransitions[from] as readonly DisputeStatus[]).includes(to)
}

/** Money a dispute moved: funds withdrawn when it opened as a chargeback, reinstated when won. */
export interface DisputeTransaction {
  id: string
  kind: 'withdrawal' | 'reinstatement'
  created: number
}

/** A dispute (chargeback or inquiry) on a charge, opened by a dispute test card. */
export interface DisputeRecord {
  id: string
  charge: string
  paymentIntent: string
  amount: number
  currency: string
  reason: 'fraudulent' | 'product_not_received' | 'general'
  status: DisputeStatus
  created: number
  /** Evidence fields given so far (text, or file ids). */
  evidence: Record<string, string>
  submissionCount: number
  metadata: Record<string, string>
  transactions: DisputeTransaction[]
}

/** The evidence fields Stripe takes (docs.stripe.com/api/disputes/update#update_dispute-evidence). */
export const evidenceFields = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_communication',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'customer_signature',
  'duplicate_charge_documentation',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'receipt',
  'refund_policy',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'service_documentation',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_documentation',
  'shipping_tracking_number',
  'uncategorized_file',
  'uncategorized_text',
] as const

/** Evidence is due 7 days after the dispute opens (Stripe's test disputes give about that). */
const responseWindowSeconds = 7 * 86_400

/**
 * Runs a successful, captured charge's test-card aftermath (docs.stripe.com/testing#disputes):
 * a chargeback (`pm_card_createDispute`, `…ProductNotReceived`) withdraws the amount and a 15.00
 * fee at once; an inquiry (`…Inquiry`) moves no money; an early fraud warning only notifies.
 */
export function openAftermath(
  ctx: PspContext,
  input: OpInput,
  charge: ChargeRecord,
  aftermath: TestCardAftermath,
): void {
  const created = Math.floor(input.nowMs / 1000)
  if (aftermath === 'early_fraud_warning') {
    const warning = {
      id: ctx.ids.next('issfr', 16),
      object: 'radar.early_fraud_warning',
      actionable: true,
      charge: charge.id,
      created,
      fraud_type: 'made_with_stolen_card',
      livemode: false,
      payment_intent: charge.paymentIntent || null,
    }
    recordEvent(ctx, input, 'radar.early_fraud_warning.created', () => warning)
    return
  }
  const inquiry = aftermath === 'dispute_inquiry'
  const dispute: DisputeRecord = {
    id: ctx.ids.next('dp', 16),
    charge: charge.id,
    paymentIntent: charge.paymentIntent,
    amount: charge.amountCaptured,
    currency: charge.currency,
    reason: inquiry ? 'general' : aftermath === 'dispute_fraudulent' ? 'fraudulent' : 'product_not_received',
    status: inquiry ? 'warning_needs_response' : 'needs_response',
    created,
    evidence: {},
    submissionCount: 0,
    metadata: {},
    transactions: [],
  }
  ctx.state.disputes.add(dispute)
  ctx.state.disputesByCharge.set(charge.id, dispute.id)
  recordEvent(ctx, input, 'charge.dispute.created', disputeSnapshot(dispute, ctx.state))
  if (!inquiry) moveFunds(ctx, input, dispute, 'withdrawal')
}

/** Withdraws or reinstates a dispute's funds: a balance transaction and its event. */
export function moveFunds(
  ctx: PspContext,
  input: OpInput,
  dispute: DisputeRecord,
  kind: DisputeTransaction['kind'],
): void {
  const moved: DisputeTransaction = {
    id: ctx.ids.next('txn', 16),
    kind,
    created: Math.floor(input.nowMs / 1000),
  }
  dispute.transactions = [...dispute.transactions, moved]
  ctx.state.balanceOrder.push(moved.id)
  recordEvent(
    ctx,
    input,
    kind === 'withdrawal' ? 'charge.dispute.funds_withdrawn' : 'charge.dispute.funds_reinstated',
    disputeSnapshot(dispute, ctx.state),
  )
}

/** Whether a dispute is over (won, lost, or an inquiry closed). */
export function isClosed(dispute: DisputeRecord): boolean {
  return dispute.status === 'won' || dispute.status === 'lost' || dispute.status === 'warning_closed'
}

/** A deferred rendering of the dispute as it is now (for events). */
export function disputeSnapshot(dispute: DisputeRecord, state: PspState): Snapshot {
  const copy = { ...dispute }
  return () => renderDispute(copy, state)
}

const noEnhancedEvidence = Object.freeze({})
const noEligibilityTypes: readonly string[] = Object.freeze([])

/** Renders a Dispute as Stripe's JSON (`balance_transactions` always expanded, as Stripe does). */
export function renderDispute(dispute: DisputeRecord, state: PspState): Record<string, unknown> {
  const evidence: Record<string, unknown> = {}
  for (const field of evidenceFields) {
    // Stripe's evidence is alphabetical; the enhanced (network programme) evidence is never given here.
    if (field === 'product_description') evidence.enhanced_evidence = noEnhancedEvidence
    evidence[field] = dispute.evidence[field] ?? null
  }
  const nowMs = state.clockMs()
  const dueBy = dispute.created + responseWindowSeconds
  return {
    id: dispute.id,
    object: 'dispute',
    amount: dispute.amount,
    balance_transactions: dispute.transactions.map((t) =>
      renderBalanceTransaction(disputeTransaction(dispute, t), nowMs),
    ),
    charge: dispute.charge,
    created: dispute.created,
    currency: dispute.currency,
    enhanced_eligibility_types: noEligibilityTypes,
    evidence,
    evidence_details: {
      due_by: isClosed(dispute) ? null : dueBy,
      enhanced_eligibility: noEnhancedEvidence,
      has_evidence: Object.keys(dispute.evidence).length > 0,
      past_due: !isClosed(dispute) && nowMs / 1000 > dueBy,
      submission_count: dispute.submissionCount,
      submission_method: dispute.submissionCount > 0 ? 'manual' : 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: dispute.reason === 'general' && !isClosed(dispute),
    livemode: false,
    metadata: dispute.metadata,
    payment_intent: dispute.paymentIntent || null,
    payment_method_details: {
      type: 'card',
      card: { brand: state.charges.get(dispute.charge)?.card.brand ?? 'visa', network_reason_code: null },
    },
    reason: dispute.reason,
    status: dispute.status,
  }
}
