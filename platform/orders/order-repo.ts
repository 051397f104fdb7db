import type { Queryable } from '../db/db.js'
import { money } from '../money.js'
import {
  transition,
  type Order,
  type OrderEvent,
  type OrderFailureCode,
  type OrderSaga,
  type TaxDocumentState,
  type TransitionResult,
} from './order-state.js'

/** An order line as stored with the order. */
export interface OrderLine {
  sku: string
  quantity: number
  unitPriceMinor: number
  /**
   * Only with the `inventory-lock` safeguard off: the stock read at order creation, written
   * back minus the quantity once paid (a naive read-then-write that oversells under concurrency).
   * Absent when the stock was taken atomically at creation.
   */
  stockSeen?: number
}

/** A recorded transition. */
export interface OrderTransitionRecord {
  from: string | null
  to: string
  at: string
  reason: string
}

/** An `orders` row as {@link ORDER_COLUMNS} selects it. */
export interface OrderRow {
  id: string
  cart_id: string
  checkout_key: string
  status: Order['status']
  amount_minor: number
  currency: string
  payment_intent_ids: string[]
  payment_intent_id: string | null
  failure_code: string | null
  lines: OrderLine[]
  payment_method: string
  email: string | null
  created_at: Date
  subtotal_minor: number | null
  tax_minor: number | null
  tax_estimated: boolean
  tax_document: TaxDocumentState
  fraud_category: 'accept' | 'watch' | 'block' | null
  fraud_source: 'vendor' | 'fail_open' | null
  refunded_minor: number
}

/** The columns a {@link StoredOrder} is read from (for statements that read the order on their way). */
export const ORDER_COLUMNS =
  'id, cart_id, checkout_key, status, amount_minor, currency, payment_intent_ids, payment_intent_id, failure_code, lines, payment_method, email, created_at, subtotal_minor, tax_minor, tax_estimated, tax_document, fraud_category, fraud_source, refunded_minor'

/** An order with what the checkout needs to resume it. */
export interface StoredOrder {
  order: Order
  lines: OrderLine[]
  paymentMethod: string
  /** The email the checkout carried, if any (what the fraud vendor scores). */
  email: string | undefined
}

/**
 * Inserts a new order created `pending` and, when `started` is given (the state machine's result
 * for a first event, applied in memory), stores that state instead — recording both transitions,
 * in one round trip fewer than applying the event to the stored row.
 */
export async function insertOrder(
  q: Queryable,
  input: {
    order: Order
    started?: TransitionResult & { ok: true }
    lines: OrderLine[]
    paymentMethod: string
    email: string | undefined
  },
): Promise<void> {
  const created = input.order
  const order = input.started?.order ?? created
  await q.query(
    `INSERT INTO orders (id, cart_id, checkout_key, status, amount_minor, currency, lines, payment_method, email,
       created_at, updated_at, subtotal_minor)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $10, $11)`,
    [
      order.id,
      order.cartId,
      order.checkoutKey,
      order.status,
      order.total.amount,
      order.total.currency,
      JSON.stringify(input.lines),
      input.paymentMethod,
      input.email ?? null,
      order.createdAt,
      order.saga?.subtotal.amount ?? null,
    ],
  )
  const moves: [string | null, string, string][] = [[null, created.status, 'created']]
  if (input.started) moves.push([input.started.from, input.started.to, input.started.reason])
  // One multi-row INSERT: ids (bigserial) follow the VALUES order.
  const values = moves.map((_, i) => `($1, $${3 * i + 3}, $${3 * i + 4}, $${3 * i + 5}, $2)`).join(', ')
  await q.query(
    `INSERT INTO order_transitions (order_id, from_status, to_status, reason, at) VALUES ${values}`,
    [order.id, order.createdAt, ...moves.flat()],
  )
}

/**
 * {@link insertOrder} for a one-line order with its stock taken atomically, as one statement with
 * no transaction: the conditional stock decrement, the order (already `started`), both its
 * transitions and the `alongside` writes (e.g. the checkout journal's recovery point), the rest
 * only when the stock was taken (`moved` is the inserted order). `false`, having written nothing,
 * when the stock did not suffice.
 */
export async function insertOrderTakingStock(
  q: Queryable,
  input: {
    order: Order
    started: TransitionResult & { ok: true }
    line: OrderLine
    paymentMethod: string
    email: string | undefined
  },
  alongside: readonly WhenMoved[] = [],
): Promise<boolean> {
  const created = input.order
  const order = input.started.order
  const params: unknown[] = [
    input.line.sku,
    input.line.quantity,
    order.id,
    order.cartId,
    order.checkoutKey,
    order.status,
    order.total.amount,
    order.total.currency,
    JSON.stringify([input.line]),
    input.paymentMethod,
    input.email ?? null,
    order.createdAt,
    order.saga?.subtotal.amount ?? null,
    created.status,
    input.started.from,
    input.started.to,
    input.started.reason,
  ]
  const param = (value: unknown): string => `$${params.push(value)}`
  const companions = alongside.map((write, i) => `, alongside_${i} AS (${write(param)})`).join('')
  const res = await q.query<{ created: boolean }>(
    `${INSERT_TAKING_STOCK}${companions}
SELECT EXISTS (SELECT 1 FROM moved) AS created`,
    params,
  )
  return res.rows[0]?.created === true
}

/** The CTEs of {@link insertOrderTakingStock}; the transitions are numbered in their VALUES order. */
const INSERT_TAKING_STOCK = `WITH took AS (
  UPDATE products SET stock = stock - $2::int8 WHERE sku = $1::text AND stock >= $2::int8 RETURNING sku
), moved AS (
  INSERT INTO orders (id, cart_id, checkout_key, status, amount_minor, currency, lines, payment_method, email,
    created_at, updated_at, subtotal_minor)
  SELECT $3::text, $4::text, $5::text, $6::text, $7::int8, $8::text, $9::jsonb, $10::text, $11::text,
    $12::timestamptz, $12::timestamptz, $13::int8 FROM took
  RETURNING id
), recorded AS (
  INSERT INTO order_transitions (order_id, from_status, to_status, reason, at)
  SELECT moved.id, v.from_status, v.to_status, v.reason, $12::timestamptz
  FROM moved, (VALUES (1, NULL::text, $14::text, 'created'), (2, $15::text, $16::text, $17::text))
    AS v (n, from_status, to_status, reason)
  ORDER BY v.n
)`

/** Loads one order (optionally locking its row for this transaction). */
export async function findOrder(
  q: Queryable,
  id: string,
  forUpdate = false,
): Promise<StoredOrder | undefined> {
  const res = await q.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  )
  const row = res.rows[0]
  return row ? storedOrderOf(row) : undefined
}

/** The order a row of {@link ORDER_COLUMNS} holds. */
export function storedOrderOf(row: OrderRow): StoredOrder {
  return {
    order: rowToOrder(row),
    lines: row.lines,
    paymentMethod: row.payment_method,
    email: row.email ?? undefined,
  }
}

/**
 * Applies `event` to the stored order through the state machine, saves the new state and
 * records the transition — or returns the refusal and changes nothing.
 */
export async function applyOrderEvent(
  q: Queryable,
  id: string,
  event: OrderEvent,
  at: Date,
  /** Why it happened (a vendor's answer, a fallback's reason), recorded with the transition. */
  cause?: string,
): Promise<TransitionResult> {
  const stored = await findOrder(q, id, true)
  if (!stored) throw new Error(`Failed to apply ${event.type} to order (${id}): not found`)
  const result = transition(stored.order, event)
  if (!result.ok) return result
  const next = result.order
  await q.query(
    next.saga
      ? `UPDATE orders SET status = $2, payment_intent_ids = $3, payment_intent_id = $4, failure_code = $5, updated_at = $6,
           refunded_minor = $7, amount_minor = $8, tax_minor = $9, tax_estimated = $10, tax_document = $11,
           fraud_category = $12, fraud_source = $13
         WHERE id = $1`
      : `UPDATE orders SET status = $2, payment_intent_ids = $3, payment_intent_id = $4, failure_code = $5, updated_at = $6,
           refunded_minor = $7
         WHERE id = $1`,
    [
      id,
      next.status,
      [...next.paymentIntentIds],
      'paymentIntentId' in next ? next.paymentIntentId : null,
      next.status === 'failed' ? next.reason : null,
      at,
      next.refundedMinor ?? 0,
      ...(next.saga
        ? [
            next.total.amount,
            next.saga.tax?.amount.amount ?? null,
            next.saga.tax?.estimated ?? false,
            next.saga.taxDocument,
            next.saga.fraud?.category ?? null,
            next.saga.fraud?.source ?? null,
          ]
        : []),
    ],
  )
  await recordTransition(q, id, result.from, result.to, reasonWith(result.reason, cause), at)
  return result
}

/**
 * The statement of {@link applyOrderEventIfUnchanged}: saves the new state only while the row still
 * holds every mutable column the carried order says it does (so the state machine ran on what is
 * stored), appends a new PaymentIntent id without overwriting ids a webhook added meanwhile, and
 * records the transition in the same statement. Under READ COMMITTED a concurrent writer's row is
 * re-checked against the WHERE, so a moved order matches no row rather than being overwritten.
 */
const GUARDED_UPDATE = `WITH moved AS (
  UPDATE orders SET status = $2,
    payment_intent_ids = CASE WHEN $3::text IS NULL OR $3::text = ANY (payment_intent_ids) THEN payment_intent_ids
      ELSE array_append(payment_intent_ids, $3::text) END,
    payment_intent_id = $4, failure_code = $5, updated_at = $6, refunded_minor = $7, amount_minor = $8,
    tax_minor = $9, tax_estimated = $10, tax_document = $11, fraud_category = $12, fraud_source = $13
  WHERE id = $1 AND status = $14 AND amount_minor = $15 AND COALESCE(payment_intent_id, '') = $16
    AND refunded_minor = $17 AND tax_minor IS NOT DISTINCT FROM $18::int8
    AND ($18::int8 IS NULL OR tax_estimated = $19) AND tax_document = $20
    AND fraud_category IS NOT DISTINCT FROM $21::text AND COALESCE(fraud_source, 'vendor') = $22
  RETURNING payment_intent_ids
), recorded AS (
  INSERT INTO order_transitions (order_id, from_status, to_status, reason, at)
  SELECT $1, $23::text, $24::text, $25::text, $6::timestamptz FROM moved
)`

/**
 * A write that rides in the guarded statement of {@link applyOrderEventIfUnchanged} and happens
 * only when the order moved: SQL reading the CTE `moved` (the saved row, empty when it did not
 * match) — e.g. `… WHERE EXISTS (SELECT 1 FROM moved)` — with its values bound through `param`,
 * which answers each one's `$n`. So a step's companions (its outbox event, its saved answer)
 * commit with it in one statement, with no transaction around them.
 *
 * @example const outboxed: WhenMoved = (p) => `INSERT INTO outbox (…) SELECT ${p(id)}, … FROM moved`
 */
export type WhenMoved = (param: (value: unknown) => string) => string

/**
 * {@link applyOrderEvent} for a caller that holds the order as it last read or wrote it: runs the
 * state machine on `stored` and saves the result and its transition in one statement, with no read.
 * Returns `undefined`, changing nothing, when the stored row no longer matches `stored` (something
 * else moved the order) or the carried state refuses the event: the caller then applies the event
 * the locking way, in a transaction, to get the authoritative answer.
 *
 * @example const moved = await applyOrderEventIfUnchanged(db, stored, { type: 'tax_committed' }, now)
 */
export async function applyOrderEventIfUnchanged(
  q: Queryable,
  stored: StoredOrder,
  event: OrderEvent,
  at: Date,
  cause?: string,
  /** A PaymentIntent id to record on the order with the event (idempotently), as {@link addPaymentIntent} would. */
  intentId?: string,
  /** Writes that commit with the event, in the same statement, and only when it is saved. */
  alongside: readonly WhenMoved[] = [],
): Promise<{ result: TransitionResult & { ok: true }; stored: StoredOrder } | undefined> {
  const was = stored.order
  const result = transition(was, event)
  if (!result.ok) return undefined
  const next = result.order
  const added = intentId ?? next.paymentIntentIds.find((pi) => !was.paymentIntentIds.includes(pi))
  const nextSaga = next.saga
  const wasSaga = was.saga
  const params: unknown[] = [
    was.id,
    next.status,
    added ?? null,
    'paymentIntentId' in next ? next.paymentIntentId : null,
    next.status === 'failed' ? next.reason : null,
    at,
    next.refundedMinor ?? 0,
    next.total.amount,
    nextSaga?.tax?.amount.amount ?? null,
    nextSaga?.tax?.estimated ?? false,
    nextSaga?.taxDocument ?? 'none',
    nextSaga?.fraud?.category ?? null,
    nextSaga?.fraud?.source ?? null,
    was.status,
    was.total.amount,
    'paymentIntentId' in was ? was.paymentIntentId : '',
    was.refundedMinor ?? 0,
    wasSaga?.tax?.amount.amount ?? null,
    wasSaga?.tax?.estimated ?? false,
    wasSaga?.taxDocument ?? 'none',
    wasSaga?.fraud?.category ?? null,
    wasSaga?.fraud?.source ?? 'vendor',
    result.from,
    result.to,
    reasonWith(result.reason, cause),
  ]
  const param = (value: unknown): string => `$${params.push(value)}`
  const companions = alongside.map((write, i) => `, alongside_${i} AS (${write(param)})`).join('')
  const sql = `${GUARDED_UPDATE}${companions}\nSELECT payment_intent_ids FROM moved`
  const res = await q.query<{ payment_intent_ids: string[] }>(sql, params)
  const row = res.rows[0]
  if (!row) return undefined
  const order = { ...next, paymentIntentIds: row.payment_intent_ids }
  return { result: { ...result, order }, stored: { ...stored, order } }
}

/** The recorded reason: the state machine's, with the cause when there is one. */
function reasonWith(reason: string, cause: string | undefined): string {
  return cause === undefined ? reason : `${reason} (${cause.slice(0, 300)})`
}

/** Records a PaymentIntent id on the order as soon as it is known (idempotent). */
export async function addPaymentIntent(
  q: Queryable,
  id: string,
  paymentIntentId: string,
  at: Date,
): Promise<void> {
  await q.query(
    `UPDATE orders SET payment_intent_ids = array_append(payment_intent_ids, $2), updated_at = $3
     WHERE id = $1 AND NOT ($2 = ANY (payment_intent_ids))`,
    [id, paymentIntentId, at],
  )
}

/** The transitions of one order, oldest first. */
export async function listTransitions(q: Queryable, id: string): Promise<OrderTransitionRecord[]> {
  const res = await q.query<{ from_status: string | null; to_status: string; at: Date; reason: string }>(
    'SELECT from_status, to_status, at, reason FROM order_transitions WHERE order_id = $1 ORDER BY id',
    [id],
  )
  return res.rows.map((r) => ({
    from: r.from_status,
    to: r.to_status,
    at: r.at.toISOString(),
    reason: r.reason,
  }))
}

async function recordTransition(
  q: Queryable,
  orderId: string,
  from: string | null,
  to: string,
  reason: string,
  at: Date,
): Promise<void> {
  await q.query(
    'INSERT INTO order_transitions (order_id, from_status, to_status, reason, at) VALUES ($1, $2, $3, $4, $5)',
    [orderId, from, to, reason, at],
  )
}

function rowToOrder(row: OrderRow): Order {
  const base = {
    id: row.id,
    cartId: row.cart_id,
    checkoutKey: row.checkout_key,
    total: money(row.amount_minor, row.currency),
    paymentIntentIds: row.payment_intent_ids,
    createdAt: row.created_at,
    ...(row.subtotal_minor === null ? {} : { saga: sagaOf(row, row.subtotal_minor) }),
    ...(row.refunded_minor > 0 ? { refundedMinor: row.refunded_minor } : {}),
  }
  switch (row.status) {
    case 'pending':
    case 'payment_pending':
      return { ...base, status: row.status }
    case 'paid':
    case 'refunded':
    case 'authorized':
    case 'held_for_review':
      return { ...base, status: row.status, paymentIntentId: row.payment_intent_id ?? '' }
    case 'failed':
      return { ...base, status: 'failed', reason: (row.failure_code ?? 'PSP_REJECTED') as OrderFailureCode }
    default: {
      const never: never = row.status
      throw new Error(`Failed to read order (${row.id}): unknown status ${String(never)}`)
    }
  }
}

function sagaOf(row: OrderRow, subtotalMinor: number): OrderSaga {
  return {
    subtotal: money(subtotalMinor, row.currency),
    tax:
      row.tax_minor === null
        ? undefined
        : { amount: money(row.tax_minor, row.currency), estimated: row.tax_estimated },
    fraud:
      row.fraud_category === null
        ? undefined
        : { category: row.fraud_category, source: row.fraud_source ?? 'vendor' },
    taxDocument: row.tax_document,
  }
}
