import { writeBackStock } from '../catalog/stock.js'
import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import { publishAfterCommit } from '../outbox/after-commit-publisher.js'
import { enqueueOrderPaid } from '../outbox/order-events.js'
import type { Db, Queryable } from '../db/db.js'
import {
  addPaymentIntent,
  applyOrderEvent,
  applyOrderEventIfUnchanged,
  ORDER_COLUMNS,
  storedOrderOf,
  type OrderRow,
  type StoredOrder,
} from '../orders/order-repo.js'
import { orderIdOf, type PspEvent } from './psp-event.js'

/** What happened to a delivered event. */
export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored'

/** Input of {@link processPspEvent}. */
export interface ProcessPspEventInput {
  event: PspEvent
  dedupe: boolean
  outbox: boolean
  now: Date
  crashPoints?: CrashPoints
}

/**
 * Applies a verified PSP event atomically. Deliveries are at least once: with `dedupe` (the
 * `webhook-dedupe` safeguard) an event id seen before is acknowledged and skipped; without it
 * every delivery is processed and counted. `payment_intent.*` events record their PaymentIntent
 * on the order; `payment_intent.succeeded` pays a `payment_pending` order.
 *
 * Most deliveries change at most the event log and the order's intent list — a checkout's own
 * saga has usually authorised or paid the order by the time its webhooks land — so they are one
 * statement (`recordEvent`), atomic by itself, with no transaction around it. Only a
 * `payment_intent.succeeded` that finds its order still `payment_pending` takes the paying
 * transaction (`payInTransaction`).
 */
export async function processPspEvent(db: Db, input: ProcessPspEventInput): Promise<WebhookOutcome> {
  const { event, now } = input
  const orderId = event.type.startsWith('payment_intent.') ? orderIdOf(event) : undefined
  const intentId = event.data.object.id
  if (orderId === undefined || typeof intentId !== 'string') {
    const seen = await db.query(
      `INSERT INTO webhook_events (id, type, order_id, received_at) VALUES ($1, $2, $3, $4)
       ${onConflict(input.dedupe)}`,
      [event.id, event.type, orderId ?? null, now],
    )
    return seen.rowCount === 0 ? 'duplicate' : 'ignored'
  }
  const pays = event.type === 'payment_intent.succeeded'
  const res = await db.query<Partial<OrderRow> & { order_status: string | null; fresh: boolean }>(
    recordEventSql(input.dedupe, pays),
    [event.id, event.type, orderId, now, intentId],
  )
  const row = res.rows[0]
  if (pays && row?.order_status === 'payment_pending' && row.id !== null && row.id !== undefined) {
    return payInTransaction(db, input, storedOrderOf(row as OrderRow), intentId)
  }
  if (!row?.fresh) return 'duplicate'
  return row.order_status === null ? 'ignored' : 'processed'
}

/** A redelivered event id: skipped with dedupe, counted again without. */
function onConflict(dedupe: boolean): string {
  return `ON CONFLICT (id) DO ${dedupe ? 'NOTHING' : 'UPDATE SET processed_count = webhook_events.processed_count + 1'}`
}

/**
 * One statement: records the event ($1 id, $2 type, $3 order, $4 now) and, when it is fresh, the
 * intent ($5) on its order if not there yet; answers the order's status (null: no such order) and
 * whether the event was fresh. With `guardPending` it writes nothing for a `payment_pending`
 * order: that one is paid by the transaction, which records the event with the payment — and the
 * statement answers that order's every column too, so the transaction need not read it again.
 */
function recordEventSql(dedupe: boolean, guardPending: boolean): string {
  return `WITH target AS (SELECT ${guardPending ? ORDER_COLUMNS : 'status'} FROM orders WHERE id = $3),
    fresh AS (
      INSERT INTO webhook_events (id, type, order_id, received_at)
      SELECT $1, $2, $3, $4
      ${guardPending ? "WHERE NOT EXISTS (SELECT 1 FROM target WHERE status = 'payment_pending')" : ''}
      ${onConflict(dedupe)}
      RETURNING 1
    ),
    noted AS (
      UPDATE orders SET payment_intent_ids = array_append(payment_intent_ids, $5), updated_at = $4
      WHERE id = $3 AND NOT ($5 = ANY (payment_intent_ids)) AND EXISTS (SELECT 1 FROM fresh)
      RETURNING 1
    )
    SELECT (SELECT status FROM target) AS order_status, EXISTS (SELECT 1 FROM fresh) AS fresh${
      guardPending
        ? `, pending.* FROM (SELECT 1) one LEFT JOIN target pending ON pending.status = 'payment_pending'`
        : ''
    }`
}

/** `payment_intent.succeeded` for a `payment_pending` order: the event, the payment and its OrderPaid in one transaction. */
async function payInTransaction(
  db: Db,
  input: ProcessPspEventInput,
  stored: StoredOrder,
  intentId: string,
): Promise<WebhookOutcome> {
  const { event, now } = input
  const orderId = stored.order.id
  let paidOrder: string | undefined
  const outcome = await db.transaction(async (tx: Queryable): Promise<WebhookOutcome> => {
    const seen = await tx.query(
      `INSERT INTO webhook_events (id, type, order_id, received_at) VALUES ($1, $2, $3, $4) ${onConflict(input.dedupe)}`,
      [event.id, event.type, orderId, now],
    )
    if (seen.rowCount === 0) return 'duplicate'
    const paying = { type: 'payment_succeeded', paymentIntentId: intentId } as const
    // The order as the recording statement read it: one guarded statement records the intent, the
    // payment and its transition, unless something moved the order since (then lock and read).
    const carried = await applyOrderEventIfUnchanged(tx, stored, paying, now, undefined, intentId)
    if (!carried) await addPaymentIntent(tx, orderId, intentId, now)
    // A refusal (already paid, or failed) is fine: the event changes nothing then.
    const paid = carried?.result ?? (await applyOrderEvent(tx, orderId, paying, now))
    if (paid.ok) {
      paidOrder = orderId
      await writeBackStock(tx, stored.lines)
      if (input.outbox) await enqueueOrderPaid(tx, orderId, now)
    }
    return 'processed'
  })
  // The same gap as the checkout's: a webhook that pays the order first must be crashable there too.
  if (paidOrder) input.crashPoints?.reach('after-commit-before-publish')
  if (paidOrder && !input.outbox) publishAfterCommit(db, paidOrder, now)
  return outcome
}
