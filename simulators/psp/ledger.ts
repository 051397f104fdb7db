/** How the ledger keeps an entry: shared references and a number for the time (rendered on read). */
export interface LedgerRecord {
  type: LedgerEntry['type']
  paymentIntentId: string
  amount: number
  currency: string
  idempotencyKey: string | null
  /** The intent's metadata object itself: metadata is replaced on update, never changed in place. */
  metadata: Record<string, string>
  atMs: number
}

/** Renders the n-th (0-based) ledger record as the contract's entry. */
export function renderLedgerEntry(record: LedgerRecord, index: number): LedgerEntry {
  return {
    id: `le_${index + 1}`,
    type: record.type,
    paymentIntentId: record.paymentIntentId,
    amount: record.amount,
    currency: record.currency,
    idempotencyKey: record.idempotencyKey,
    metadata: record.metadata,
    createdAt: new Date(record.atMs).toISOString(),
  }
}

/** One entry of the PSP ledger: the ground truth of money moved (contract with reports/types.ts). */
export interface LedgerEntry {
  id: string
  type: 'authorization' | 'capture' | 'refund' | 'cancel'
  paymentIntentId: string
  /** Integer minor units. */
  amount: number
  /** ISO 4217, lower case. */
  currency: string
  idempotencyKey: string | null
  /** The PaymentIntent's metadata at the time (the platform sets `order_id`, `checkout_key`). */
  metadata: Record<string, string>
  /** ISO-8601. */
  createdAt: string
}
