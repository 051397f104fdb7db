import type { Queryable } from '../db/db.js'
import { money, type Money } from '../money.js'
import type { RefundReason } from '../payments/psp-client.js'

/** Where a refund stands: reserved against the capture, done at the PSP, or refused by it. */
export type RefundStatus = 'pending' | 'succeeded' | 'failed'

/** Where the refund's tax adjustment stands (a committed invoice needs a return). */
export type TaxAdjustment = 'not_needed' | 'pending' | 'done'

/** A saved answer, replayed for the same Idempotency-Key. */
export interface SavedResponse {
  status: number
  body: unknown
}

/** One refund of an order, as stored. */
export interface RefundRecord {
  id: string
  orderId: string
  idempotencyKey: string
  fingerprint: string
  amount: Money
  reason: RefundReason | undefined
  status: RefundStatus
  pspRefundId: string | undefined
  taxAdjustment: TaxAdjustment
  response: SavedResponse | undefined
  createdAt: Date
}

interface RefundRow {
  id: string
  order_id: string
  idempotency_key: string
  fingerprint: string
  amount_minor: number
  currency: string
  reason: RefundReason | null
  status: RefundStatus
  psp_refund_id: string | null
  tax_adjustment: TaxAdjustment
  response_status: number | null
  response_body: unknown
  created_at: Date
}

const COLUMNS =
  'id, order_id, idempotency_key, fingerprint, amount_minor, currency, reason, status, psp_refund_id, tax_adjustment, response_status, response_body, created_at'

/** The refund made under `key`, if any. */
export async function findRefundByKey(q: Queryable, key: string): Promise<RefundRecord | undefined> {
  const res = await q.query<RefundRow>(`SELECT ${COLUMNS} FROM refunds WHERE idempotency_key = $1`, [key])
  const row = res.rows[0]
  return row ? rowToRefund(row) : undefined
}

/** One refund by id. */
export async function findRefund(q: Queryable, id: string): Promise<RefundRecord | undefined> {
  const res = await q.query<RefundRow>(`SELECT ${COLUMNS} FROM refunds WHERE id = $1`, [id])
  const row = res.rows[0]
  return row ? rowToRefund(row) : undefined
}

/**
 * What the order's capture has given to refunds: done ones and pending ones (reserved, their PSP
 * call maybe under way), so parallel refunds never promise more than was captured.
 */
export async function reservedMinor(q: Queryable, orderId: string): Promise<number> {
  const res = await q.query<{ n: number | null }>(
    "SELECT sum(amount_minor)::int8 AS n FROM refunds WHERE order_id = $1 AND status IN ('pending', 'succeeded')",
    [orderId],
  )
  return res.rows[0]?.n ?? 0
}

/** Reserves a refund (`pending`); false when its key was taken meanwhile (by another order's refund). */
export async function insertRefund(
  q: Queryable,
  refund: Pick<RefundRecord, 'id' | 'orderId' | 'idempotencyKey' | 'fingerprint' | 'amount' | 'reason'>,
  at: Date,
): Promise<boolean> {
  const res = await q.query(
    `INSERT INTO refunds (id, order_id, idempotency_key, fingerprint, amount_minor, currency, reason, status,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [
      refund.id,
      refund.orderId,
      refund.idempotencyKey,
      refund.fingerprint,
      refund.amount.amount,
      refund.amount.currency,
      refund.reason ?? null,
      at,
    ],
  )
  return res.rowCount === 1
}

/**
 * Records the PSP's answer on a pending refund, with the answer to replay; false when it was no
 * longer pending (a parallel retry of the same key recorded it first).
 */
export async function settleRefund(
  q: Queryable,
  id: string,
  outcome: {
    status: 'succeeded' | 'failed'
    pspRefundId?: string | undefined
    failureCode?: string | undefined
    taxAdjustment: TaxAdjustment
    response: SavedResponse
  },
  at: Date,
): Promise<boolean> {
  const res = await q.query(
    `UPDATE refunds SET status = $2, psp_refund_id = $3, failure_code = $4, tax_adjustment = $5,
       response_status = $6, response_body = $7::jsonb, updated_at = $8
     WHERE id = $1 AND status = 'pending'`,
    [
      id,
      outcome.status,
      outcome.pspRefundId ?? null,
      outcome.failureCode ?? null,
      outcome.taxAdjustment,
      outcome.response.status,
      JSON.stringify(outcome.response.body),
      at,
    ],
  )
  return res.rowCount === 1
}

function rowToRefund(row: RefundRow): RefundRecord {
  return {
    id: row.id,
    orderId: row.order_id,
    idempotencyKey: row.idempotency_key,
    fingerprint: row.fingerprint,
    amount: money(row.amount_minor, row.currency),
    reason: row.reason ?? undefined,
    status: row.status,
    pspRefundId: row.psp_refund_id ?? undefined,
    taxAdjustment: row.tax_adjustment,
    response:
      row.response_status === null ? undefined : { status: row.response_status, body: row.response_body },
    createdAt: row.created_at,
  }
}
