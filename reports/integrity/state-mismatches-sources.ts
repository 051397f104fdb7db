import type { FraudDecision, LedgerEntry, TaxTransaction } from '../types.js'
import type { FraudCategory, PaymentState, TaxState } from './state-mismatches-table.js'

/** One PaymentIntent as the PSP's ledger leaves it: its state and its money, minor units. */
export interface IntentState {
  paymentIntentId: string
  state: PaymentState
  capturedMinor: number
  refundedMinor: number
}

/** The state of a PaymentIntent from its ledger entries: money moved wins over holds. */
export function intentStateOf(paymentIntentId: string, entries: readonly LedgerEntry[]): IntentState {
  const sum = (type: LedgerEntry['type']) =>
    entries.filter((entry) => entry.type === type).reduce((total, entry) => total + entry.amount, 0)
  const capturedMinor = sum('capture')
  const refundedMinor = sum('refund')
  const has = (type: LedgerEntry['type']) => entries.some((entry) => entry.type === type)
  const state: PaymentState =
    capturedMinor > 0
      ? refundedMinor >= capturedMinor
        ? 'refunded'
        : refundedMinor > 0
          ? 'partially_refunded'
          : 'captured'
      : has('cancel')
        ? 'canceled'
        : has('authorization')
          ? 'authorized'
          : 'none'
  return { paymentIntentId, state, capturedMinor, refundedMinor }
}

/** The tax vendor's documents, by the document code they belong to. */
export interface TaxDocuments {
  /** The SalesInvoice per code. */
  invoices: Map<string, TaxTransaction>
  /** Codes that a ReturnInvoice names as its original (`referenceCode`). */
  returned: Set<string>
}

/** Indexes the tax vendor's saved documents once. */
export function indexTaxDocuments(transactions: readonly TaxTransaction[]): TaxDocuments {
  const invoices = new Map<string, TaxTransaction>()
  const returned = new Set<string>()
  for (const t of transactions) {
    if (t.type === 'SalesInvoice') invoices.set(t.code, t)
    else if (t.type === 'ReturnInvoice' && t.referenceCode !== null) returned.add(t.referenceCode)
  }
  return { invoices, returned }
}

/**
 * The code of an order's tax document: the order id, cut to AvaTax's 50 characters (the
 * reference platform's `taxDocumentCode`, restated here because reports import no platform code).
 */
export function taxDocumentCode(orderId: string): string {
  return orderId.slice(0, 50)
}

/** What the tax vendor holds for an order. */
export function taxStateOf(documents: TaxDocuments, orderId: string): TaxState {
  const code = taxDocumentCode(orderId)
  const invoice = documents.invoices.get(code)
  if (invoice === undefined) return 'none'
  switch (invoice.status) {
    case 'Cancelled':
      return 'voided'
    case 'Committed':
    case 'Adjusted':
      return documents.returned.has(code) ? 'refunded' : 'committed'
    default:
      return 'uncommitted'
  }
}

/** The fraud vendor's decisions per order, oldest first (user-level decisions are left out). */
export function indexFraudDecisions(decisions: readonly FraudDecision[]): Map<string, FraudDecision[]> {
  const byOrder = new Map<string, FraudDecision[]>()
  for (const entry of decisions) {
    if (entry.orderId === null) continue
    const seen = byOrder.get(entry.orderId)
    if (seen === undefined) byOrder.set(entry.orderId, [entry])
    else seen.push(entry)
  }
  return byOrder
}

/** A category as the table names it; anything unknown counts as `watch`, as the platform reads it. */
export function fraudCategoryOf(category: string | undefined): FraudCategory {
  if (category === undefined) return 'none'
  return category === 'accept' || category === 'block' ? category : 'watch'
}
