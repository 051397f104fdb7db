import type { Queryable } from '../db/db.js'
import type { OrderView } from './decide-repair.js'

/** Most orders one pass reads for attention (the rest wait for the next pass). */
const MAX_ATTENTION = 10_000

interface Row {
  id: string
  status: string
  payment_intent_id: string | null
  payment_intent_ids: string[]
  amount_minor: number
  currency: string
  subtotal_minor: number | null
  tax_document: string
  fraud_category: string | null
  created_at: Date
  updated_at: Date
}

const COLUMNS = `id, status, payment_intent_id, payment_intent_ids, amount_minor, currency, subtotal_minor,
  tax_document, fraud_category, created_at, updated_at`

/**
 * The orders a pass must look at whatever the PSP says: open ones (payment pending, authorised,
 * held), paid ones with a tax commit pending, failed ones holding a tax document, and any order
 * that moved since `movedSince` (a failure after the last pass may have left an intent behind).
 */
export async function ordersNeedingAttention(
  q: Queryable,
  movedSince: Date | undefined,
): Promise<OrderView[]> {
  const res = await q.query<Row>(
    `SELECT ${COLUMNS} FROM orders
     WHERE status IN ('payment_pending', 'authorized', 'held_for_review')
        OR (status = 'paid' AND tax_document = 'commit_pending')
        OR (status = 'failed' AND tax_document IN ('commit_pending', 'committed'))
        OR ($1::timestamptz IS NOT NULL AND updated_at >= $1)
     ORDER BY created_at LIMIT ${MAX_ATTENTION}`,
    [movedSince ?? null],
  )
  return res.rows.map(viewOf)
}

/** The orders with these ids (those that exist). */
export async function ordersById(q: Queryable, ids: readonly string[]): Promise<OrderView[]> {
  if (ids.length === 0) return []
  const res = await q.query<Row>(`SELECT ${COLUMNS} FROM orders WHERE id = ANY($1::text[])`, [[...ids]])
  return res.rows.map(viewOf)
}

function viewOf(r: Row): OrderView {
  return {
    id: r.id,
    status: r.status,
    paymentIntentId: r.payment_intent_id ?? undefined,
    paymentIntentIds: r.payment_intent_ids,
    totalMinor: r.amount_minor,
    currency: r.currency,
    saga: r.subtotal_minor !== null,
    taxDocument: r.tax_document,
    fraudCategory: r.fraud_category ?? undefined,
    createdAtMs: r.created_at.getTime(),
    updatedAtMs: r.updated_at.getTime(),
  }
}
