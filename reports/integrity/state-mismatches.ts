import type { Finding, TimelineEvent } from '../report.js'
import type { FraudDecision, PlatformOrder, TaxTransaction } from '../types.js'
import type { CheckResult } from './check-result.js'
import type { Evidence } from './evidence.js'
import {
  fraudCategoryOf,
  indexFraudDecisions,
  indexTaxDocuments,
  intentStateOf,
  taxDocumentCode,
  taxStateOf,
  type IntentState,
} from './state-mismatches-sources.js'
import {
  ALLOWED_COMBINATIONS,
  FRAUD_PAYMENT,
  isJudgedStatus,
  type AllowedCombination,
  type PaymentState,
} from './state-mismatches-table.js'
import { timelineFor } from './timeline.js'

/** The vendors' records beside the PSP ledger and the orders (which `Evidence` holds). */
export interface VendorRecords {
  taxTransactions: readonly TaxTransaction[]
  fraudDecisions: readonly FraudDecision[]
}

/**
 * Orders whose state disagrees with what the vendors recorded: order status × its
 * PaymentIntents' states (PSP ledger) × its tax document (tax vendor) × its fraud decision (fraud
 * vendor, when the fraud vendor made it), judged against `ALLOWED_COMBINATIONS`. Counts orders:
 * one finding per order naming what each source says and what was expected. Tax and fraud are
 * judged on saga orders only (those that list a `taxDocument`); statuses the table does not know
 * are not judged.
 */
export function findStateMismatches(evidence: Evidence, vendors: VendorRecords): CheckResult {
  const tax = indexTaxDocuments(vendors.taxTransactions)
  const fraudByOrder = indexFraudDecisions(vendors.fraudDecisions)
  const findings: Finding[] = []
  for (const order of evidence.orders) {
    if (!isJudgedStatus(order.status)) continue
    const allowed = ALLOWED_COMBINATIONS[order.status]
    const intentIds = [
      ...new Set([
        ...order.paymentIntentIds,
        ...(evidence.ledgerByOrderId.get(order.id) ?? []).map((entry) => entry.paymentIntentId),
      ]),
    ]
    const intents = intentIds.map((id) => intentStateOf(id, evidence.ledgerByPaymentIntent.get(id) ?? []))
    const saga = order.taxDocument !== undefined
    const taxState = taxStateOf(tax, order.id)
    const vendorFraud = fraudByOrder.get(order.id) ?? []
    const vendorCategories = vendorFraud.map((entry) => fraudCategoryOf(entry.decision.category))
    const orderFraud = fraudCategoryOf(order.fraudDecision)
    const expected: string[] = []
    const payment = paymentProblem(order, allowed, intents, saga ? FRAUD_PAYMENT[orderFraud] : undefined)
    if (payment !== undefined) expected.push(payment)
    if (saga) {
      const taxDocument = order.taxDocument ?? 'none'
      const allowedTax = allowed.tax[taxDocument]
      if (allowedTax === undefined)
        expected.push(`order's tax document ${Object.keys(allowed.tax).join(' or ')}`)
      else if (!allowedTax.includes(taxState)) expected.push(`tax vendor ${allowedTax.join(' or ')}`)
      if (!allowed.fraud.includes(orderFraud))
        expected.push(`order's fraud decision ${allowed.fraud.join(' or ')}`)
      // A fail-open decision was the platform's own: whatever the vendor decided, it never heard.
      if (order.fraudSource === 'vendor' && !vendorCategories.includes(orderFraud))
        expected.push(`fraud vendor ${orderFraud} (the order says the vendor decided it)`)
    }
    if (expected.length === 0) continue
    findings.push({
      check: 'stateMismatches',
      orderId: order.id,
      idempotencyKey: order.idempotencyKey,
      detail:
        `order ${order.id} is ${describeOrder(order, saga)}; PSP: ${describeIntents(intents)}` +
        (saga ? `; tax vendor: ${taxState}; fraud vendor: ${vendorCategories.at(-1) ?? 'no decision'}` : '') +
        ` — expected for ${order.status}: ${expected.join('; ')}`,
      timeline: [
        ...timelineFor(evidence, { orderIds: [order.id], paymentIntentIds: intentIds }),
        ...vendorEvents(evidence, tax.invoices.get(taxDocumentCode(order.id)), vendorFraud),
      ].sort((a, b) => a.atMs - b.atMs),
    })
  }
  return { count: findings.length, findings }
}

/** What the PSP should hold for the order and does not, or `undefined` when it agrees. */
function paymentProblem(
  order: PlatformOrder,
  allowed: AllowedCombination,
  intents: readonly IntentState[],
  fraudAllows: readonly PaymentState[] | undefined,
): string | undefined {
  const states = allowed.payment.filter((state) => fraudAllows === undefined || fraudAllows.includes(state))
  const refunded = order.refundedMinor
  // The order's own refund total must be what the PSP refunded on the intent it settled on.
  const refundsAgree = (intent: IntentState) =>
    refunded === undefined || intent.capturedMinor === 0 || intent.refundedMinor === refunded
  const fits = (intent: IntentState) => states.includes(intent.state) && refundsAgree(intent)
  const ok =
    intents.length === 0
      ? states.includes('none')
      : allowed.intents === 'every'
        ? intents.every(fits)
        : intents.some(fits)
  if (ok) return undefined
  const which = allowed.intents === 'every' ? 'every intent' : 'one intent'
  const refunds = refunded !== undefined && refunded > 0 ? ` with ${refunded} refunded` : ''
  return `PSP ${which} ${states.join(' or ')}${refunds}`
}

function describeOrder(order: PlatformOrder, saga: boolean): string {
  if (!saga) return order.status
  const fraud =
    order.fraudDecision === undefined
      ? 'no fraud decision'
      : `fraud ${order.fraudDecision} by ${order.fraudSource ?? 'unknown'}`
  const refunded = order.refundedMinor ? `, ${order.refundedMinor} refunded` : ''
  return `${order.status} (tax document ${order.taxDocument ?? 'none'}, ${fraud}${refunded})`
}

function describeIntents(intents: readonly IntentState[]): string {
  if (intents.length === 0) return 'no payment intent'
  return intents
    .map((intent) =>
      intent.refundedMinor > 0
        ? `${intent.paymentIntentId} ${intent.state} (${intent.refundedMinor} of ${intent.capturedMinor} refunded)`
        : `${intent.paymentIntentId} ${intent.state}`,
    )
    .join(', ')
}

/** The tax and fraud vendors' side of the witness; times that cannot be read are left out. */
function vendorEvents(
  evidence: Evidence,
  invoice: TaxTransaction | undefined,
  decisions: readonly FraudDecision[],
): TimelineEvent[] {
  const events: TimelineEvent[] = []
  const push = (iso: string, source: 'tax' | 'fraud', event: string) => {
    const atMs = Date.parse(iso) - evidence.startedAtMs
    if (Number.isFinite(atMs)) events.push({ atMs, source, event })
  }
  if (invoice) push(invoice.modifiedDate, 'tax', `SalesInvoice ${invoice.code} ${invoice.status}`)
  for (const decision of decisions) {
    push(decision.createdAt, 'fraud', `decision ${decision.decision.category} (${decision.decision.id})`)
  }
  return events
}
