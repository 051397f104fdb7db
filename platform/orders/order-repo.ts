import type { Queryable } from '../db/db.js'
import { money } from '../money.js'
import {
  transition,
  type Order,
  type OrderEvent,
  type OrderFailureCode,
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

interface OrderRow {
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
  created_at: Date
}

const COLUMNS =
  'id, cart_id, checkout_key, status, amount_minor, currency, payment_intent_ids, payment_intent_id, failure_code, lines, payment_method, created_at'

/** An order with what the checkout needs to resume it. */
export interface StoredOrder {
  order: Order
  lines: OrderLine[]
  paymentMethod: string
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
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $10)`,
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

/** Loads one order (optionally locking its row for this transaction). */
export async function findOrder(
  q: Queryable,
  id: string,
  forUpdate = false,
): Promise<StoredOrder | undefined> {
  const res = await q.query<OrderRow>(
    `SELECT ${COLUMNS} FROM orders WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  )
  const row = res.rows[0]
  return row ? { order: rowToOrder(row), lines: row.lines, paymentMethod: row.payment_method } : undefined
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
): Promise<TransitionResult> {
  const stored = await findOrder(q, id, true)
  if (!stored) throw new Error(`Failed to apply ${event.type} to order (${id}): not found`)
  const result = transition(stored.order, event)
  if (!result.ok) return result
  const next = result.order
  await q.query(
    `UPDATE orders SET status = $2, payment_intent_ids = $3, payment_intent_id = $4, failure_code = $5, updated_at = $6
     WHERE id = $1`,
    [
      id,
      next.status,
      [...next.paymentIntentIds],
      'paymentIntentId' in next ? next.paymentIntentId : null,
      next.status === 'failed' ? next.reason : null,
      at,
    ],
  )
  await recordTransition(q, id, result.from, result.to, result.reason, at)
  return result
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
  }
  switch (row.status) {
    case 'pending':
    case 'payment_pending':
      return { ...base, status: row.status }
    case 'paid':
    case 'refunded':
      return { ...base, status: row.status, paymentIntentId: row.payment_intent_id ?? '' }
    case 'failed':
      return { ...base, status: 'failed', reason: (row.failure_code ?? 'PSP_REJECTED') as OrderFailureCode }
    default: {
      const never: never = row.status
      throw new Error(`Failed to read order (${row.id}): unknown status ${String(never)}`)
    }
  }
}
