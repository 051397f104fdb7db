import type { Queryable } from '../db/db.js'
import type { AdminOrder } from './admin-schemas.js'

export type { AdminOrder }

/** Every order, oldest first. */
export async function listAdminOrders(q: Queryable): Promise<AdminOrder[]> {
  const res = await q.query<{
    id: string
    status: string
    checkout_key: string
    amount_minor: number
    currency: string
    payment_intent_ids: string[]
    created_at: Date
    subtotal_minor: number | null
    tax_minor: number | null
    tax_estimated: boolean
    tax_document: string
    fraud_category: string | null
    fraud_source: string | null
    refunded_minor: number
  }>(
    `SELECT id, status, checkout_key, amount_minor, currency, payment_intent_ids, created_at,
       subtotal_minor, tax_minor, tax_estimated, tax_document, fraud_category, fraud_source, refunded_minor
     FROM orders ORDER BY created_at, id`,
  )
  return res.rows.map((r) => ({
    id: r.id,
    status: r.status,
    idempotencyKey: r.checkout_key,
    amountMinor: r.amount_minor,
    currency: r.currency,
    paymentIntentIds: r.payment_intent_ids,
    createdAt: r.created_at.toISOString(),
    // Every saga order says it (0 too); a PSP-only order only once something was refunded.
    ...(r.subtotal_minor === null && r.refunded_minor === 0 ? {} : { refundedMinor: r.refunded_minor }),
    // Saga orders only (they record a subtotal); PSP-only orders list as before.
    ...(r.subtotal_minor === null
      ? {}
      : {
          ...(r.tax_minor === null ? {} : { taxMinor: r.tax_minor }),
          taxEstimated: r.tax_estimated,
          taxDocument: r.tax_document,
          ...(r.fraud_category === null ? {} : { fraudDecision: r.fraud_category }),
          ...(r.fraud_source === null ? {} : { fraudSource: r.fraud_source }),
        }),
  }))
}
