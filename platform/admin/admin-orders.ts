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
  }>(
    `SELECT id, status, checkout_key, amount_minor, currency, payment_intent_ids, created_at
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
  }))
}
