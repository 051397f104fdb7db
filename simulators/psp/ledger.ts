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
