import type { Db, Queryable } from '../db/db.js'
import type { Mismatch, ReconciliationReport, Repair } from './reconciliation-schemas.js'

/** Most repairs and mismatches the report lists (counts stay exact beyond it). */
const REPORT_ROWS = 10_000

/** Opens a pass; returns its id. */
export async function startPass(
  q: Queryable,
  input: { trigger: 'periodic' | 'on_demand'; startedAt: Date; windowFrom: Date },
): Promise<number> {
  const res = await q.query<{ id: number }>(
    'INSERT INTO reconciliation_passes (trigger, started_at, window_from) VALUES ($1, $2, $3) RETURNING id',
    [input.trigger, input.startedAt, input.windowFrom],
  )
  const id = res.rows[0]?.id
  if (id === undefined) throw new Error('Failed to start a reconciliation pass: no id returned')
  return id
}

/** When the last finished pass started, if any: the next pass's window reaches back to it. */
export async function lastPassStartedAt(q: Queryable): Promise<Date | undefined> {
  const res = await q.query<{ started_at: Date }>(
    'SELECT started_at FROM reconciliation_passes WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1',
  )
  return res.rows[0]?.started_at
}

/** Closes a pass and counts what it checked into the distinct totals. */
export async function finishPass(
  db: Db,
  passId: number,
  input: { finishedAt: Date; orderIds: readonly string[]; paymentIntentIds: readonly string[] },
): Promise<void> {
  const close = (q: Queryable) =>
    q.query(
      `UPDATE reconciliation_passes SET finished_at = $2, orders_checked = $3, payments_checked = $4 WHERE id = $1`,
      [passId, input.finishedAt, input.orderIds.length, input.paymentIntentIds.length],
    )
  // An idle pass checked nothing: one statement, no transaction.
  if (input.orderIds.length === 0 && input.paymentIntentIds.length === 0) {
    await close(db)
    return
  }
  await db.transaction(async (tx) => {
    await close(tx)
    await tx.query(
      `INSERT INTO reconciliation_checked (kind, id)
       SELECT 'order', unnest($1::text[]) UNION ALL SELECT 'payment', unnest($2::text[])
       ON CONFLICT DO NOTHING`,
      [[...input.orderIds], [...input.paymentIntentIds]],
    )
  })
}

/**
 * The `pass_id` of repairs the stalled-checkout completer makes between passes (pass ids start
 * at 1): it resumes a checkout as a client retry would, outside any comparison with the PSP.
 */
export const COMPLETER_PASS_ID = 0

/**
 * Records a repair (once per kind, order and intent) and resolves the failed attempts at it;
 * returns false when that repair was recorded before.
 */
export async function recordRepair(q: Queryable, passId: number, repair: Repair): Promise<boolean> {
  const at = new Date(repair.atMs)
  const res = await q.query(
    `INSERT INTO reconciliation_repairs (pass_id, kind, order_id, payment_intent_id, evidence, at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT DO NOTHING`,
    [passId, repair.kind, repair.orderId ?? '', repair.paymentIntentId, JSON.stringify(repair.evidence), at],
  )
  await q.query(
    `UPDATE reconciliation_mismatches SET resolved_at = $4
     WHERE kind = 'repair_failed' AND resolved_at IS NULL AND detail LIKE $1 || ':%'
       AND ((order_id <> '' AND order_id = $2) OR (payment_intent_id <> '' AND payment_intent_id = $3))`,
    [repair.kind, repair.orderId ?? '', repair.paymentIntentId, at],
  )
  return res.rowCount > 0
}

/**
 * Resolves failed repairs whose order and intent a pass checked and found agreeing (no decision
 * touched them): something else finished the job (the saga resumed, an admin acted).
 */
export async function resolveAgreedFailures(
  q: Queryable,
  agreeing: { orderIds: readonly string[]; paymentIntentIds: readonly string[] },
  at: Date,
): Promise<void> {
  await q.query(
    `UPDATE reconciliation_mismatches SET resolved_at = $3
     WHERE kind = 'repair_failed' AND resolved_at IS NULL AND NOT (order_id = '' AND payment_intent_id = '')
       AND (order_id = '' OR order_id = ANY($1::text[]))
       AND (payment_intent_id = '' OR payment_intent_id = ANY($2::text[]))`,
    [[...agreeing.orderIds], [...agreeing.paymentIntentIds], at],
  )
}

/** The intents of failed repairs not yet resolved: a pass reads them whatever its window, to retry them. */
export async function failedRepairIntents(q: Queryable, limit: number): Promise<string[]> {
  const res = await q.query<{ payment_intent_id: string }>(
    `SELECT DISTINCT payment_intent_id FROM reconciliation_mismatches
     WHERE kind = 'repair_failed' AND resolved_at IS NULL AND payment_intent_id <> '' LIMIT ${limit}`,
  )
  return res.rows.map((r) => r.payment_intent_id)
}

/** Whether a repair of `kind` on this order and intent was recorded. */
export async function hasRepair(
  q: Queryable,
  kind: string,
  orderId: string | undefined,
  paymentIntentId: string,
): Promise<boolean> {
  const res = await q.query(
    'SELECT 1 FROM reconciliation_repairs WHERE kind = $1 AND order_id = $2 AND payment_intent_id = $3',
    [kind, orderId ?? '', paymentIntentId],
  )
  return res.rows.length > 0
}

/** Records (or sees again) a mismatch: one row per kind, order and intent. */
export async function recordMismatch(
  q: Queryable,
  passId: number,
  mismatch: Mismatch,
  at: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO reconciliation_mismatches (pass_id, kind, order_id, payment_intent_id, detail, first_seen_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (kind, order_id, payment_intent_id) DO UPDATE
       SET pass_id = EXCLUDED.pass_id, detail = EXCLUDED.detail, last_seen_at = EXCLUDED.last_seen_at, resolved_at = NULL`,
    [
      passId,
      mismatch.kind,
      mismatch.orderId ?? '',
      mismatch.paymentIntentId ?? '',
      mismatch.detail.slice(0, 1000),
      at,
    ],
  )
}

/** Every pass so far, accumulated: what `GET /__admin/reconciliation` answers. */
export async function readReport(q: Queryable): Promise<ReconciliationReport> {
  const counts = await q.query<{ orders: number; payments: number; passes: number }>(
    `SELECT (SELECT count(*) FROM reconciliation_checked WHERE kind = 'order')::int8 AS orders,
            (SELECT count(*) FROM reconciliation_checked WHERE kind = 'payment')::int8 AS payments,
            (SELECT count(*) FROM reconciliation_passes WHERE finished_at IS NOT NULL)::int8 AS passes`,
  )
  const repairs = await q.query<{
    kind: string
    order_id: string
    payment_intent_id: string
    evidence: Record<string, unknown>
    at: Date
  }>(
    `SELECT kind, order_id, payment_intent_id, evidence, at FROM reconciliation_repairs ORDER BY id LIMIT ${REPORT_ROWS}`,
  )
  const repairedCount = await q.query<{ n: number }>('SELECT count(*)::int8 AS n FROM reconciliation_repairs')
  const mismatches = await q.query<{
    kind: string
    order_id: string
    payment_intent_id: string
    detail: string
  }>(
    `SELECT kind, order_id, payment_intent_id, detail FROM reconciliation_mismatches
     WHERE resolved_at IS NULL ORDER BY id LIMIT ${REPORT_ROWS}`,
  )
  const unrepaired = await q.query<{ n: number }>(
    'SELECT count(*)::int8 AS n FROM reconciliation_mismatches WHERE resolved_at IS NULL',
  )
  const row = counts.rows[0] ?? { orders: 0, payments: 0, passes: 0 }
  const repaired = repairedCount.rows[0]?.n ?? 0
  const open = unrepaired.rows[0]?.n ?? 0
  return {
    ordersChecked: row.orders,
    paymentsChecked: row.payments,
    repaired: repairs.rows.map((r) => ({
      kind: r.kind,
      ...(r.order_id ? { orderId: r.order_id } : {}),
      paymentIntentId: r.payment_intent_id,
      evidence: r.evidence,
      atMs: r.at.getTime(),
    })),
    mismatches: mismatches.rows.map((m) => ({
      kind: m.kind,
      ...(m.order_id ? { orderId: m.order_id } : {}),
      ...(m.payment_intent_id ? { paymentIntentId: m.payment_intent_id } : {}),
      detail: m.detail,
    })),
    unrepaired: open,
    discrepancyRate: (repaired + open) / Math.max(1, row.orders),
    passes: row.passes,
  }
}
