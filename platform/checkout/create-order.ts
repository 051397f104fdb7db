import type { Db, Queryable } from '../db/db.js'
import { findCart, type Cart } from '../cart/carts.js'
import type { OrderLine } from '../orders/order-repo.js'
import { insertOrder, insertOrderTakingStock, type WhenMoved } from '../orders/order-repo.js'
import { transition, type Order } from '../orders/order-state.js'
import type { CheckoutOutcome } from './checkout-outcome.js'

/** What the first atomic phase of a checkout needs. */
export interface CreateOrderInput {
  orderId: string
  cartId: string
  paymentMethod: string
  email: string | undefined
  checkoutKey: string
  /** Called inside the transaction that creates the order (the idempotency layer's recovery point). */
  onCreated: (tx: Queryable, orderId: string) => Promise<void>
  /** `onCreated` as a write riding in the creating statement, when the order can be one statement. */
  onCreatedWhenMoved?: (orderId: string) => WhenMoved | undefined
  /** Atomic conditional decrement (the `inventory-lock` safeguard) or read-then-write. */
  inventoryLock: boolean
  /** The checkout saga runs: the order records its subtotal and saga state. */
  saga: boolean
  now: Date
}

type Refused = Extract<CheckoutOutcome, { kind: 'cart_not_found' | 'cart_empty' | 'out_of_stock' }>

class Refusal extends Error {
  constructor(readonly outcome: Refused) {
    super('checkout refused')
  }
}

/**
 * Phase 1, one transaction: reads the cart, takes the stock, inserts the order and moves it to
 * `payment_pending`, and records the recovery point. A refusal (no cart, empty, no stock)
 * changes nothing and comes back as its outcome.
 */
export async function createOrder(
  db: Db,
  input: CreateOrderInput,
): Promise<{ ok: true; order: Order; lines: OrderLine[] } | { ok: false; outcome: Refused }> {
  const cart = await findCart(db, input.cartId)
  if (!cart) return { ok: false, outcome: { kind: 'cart_not_found', cartId: input.cartId } }
  if (cart.items.length === 0) return { ok: false, outcome: { kind: 'cart_empty', cartId: cart.id } }
  const lines: OrderLine[] = cart.items.map((i) => ({
    sku: i.sku,
    quantity: i.quantity,
    unitPriceMinor: i.unitPrice.amount,
  }))
  const oneLine = lines.length === 1 ? lines[0] : undefined
  if (oneLine && input.inventoryLock && input.onCreatedWhenMoved) {
    return createInOneStatement(db, input, cart, oneLine, input.onCreatedWhenMoved)
  }
  try {
    const order = await db.transaction(async (tx) => {
      for (const line of lines) await takeStock(tx, line, input.inventoryLock)
      const { pending, started } = startedOrder(input, cart)
      await insertOrder(tx, {
        order: pending,
        started,
        lines,
        paymentMethod: input.paymentMethod,
        email: input.email,
      })
      await input.onCreated(tx, pending.id)
      return started.order
    })
    return { ok: true, order, lines }
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, outcome: err.outcome }
    throw err
  }
}

/** The new order, `pending`, and its move to `payment_pending`. */
function startedOrder(input: CreateOrderInput, cart: Cart) {
  const pending: Order = {
    id: input.orderId,
    status: 'pending',
    cartId: cart.id,
    checkoutKey: input.checkoutKey,
    total: cart.total,
    paymentIntentIds: [],
    createdAt: input.now,
    ...(input.saga
      ? { saga: { subtotal: cart.total, tax: undefined, fraud: undefined, taxDocument: 'none' as const } }
      : {}),
  }
  const started = transition(pending, { type: 'payment_started' })
  if (!started.ok) throw new Error(started.error.detail)
  return { pending, started }
}

/**
 * The usual order — one line, its stock taken atomically — as one statement with no transaction
 * (`insertOrderTakingStock`): the stock, the order, its transitions and the recovery point commit
 * together or not at all. Out of stock writes nothing; the stock left is read for the answer.
 */
async function createInOneStatement(
  db: Db,
  input: CreateOrderInput,
  cart: Cart,
  line: OrderLine,
  onCreated: (orderId: string) => WhenMoved | undefined,
): Promise<{ ok: true; order: Order; lines: OrderLine[] } | { ok: false; outcome: Refused }> {
  const { pending, started } = startedOrder(input, cart)
  const journaled = onCreated(pending.id)
  const created = await insertOrderTakingStock(
    db,
    { order: pending, started, line, paymentMethod: input.paymentMethod, email: input.email },
    journaled ? [journaled] : [],
  )
  if (created) return { ok: true, order: started.order, lines: [line] }
  const res = await db.query<{ stock: number }>('SELECT stock FROM products WHERE sku = $1', [line.sku])
  return { ok: false, outcome: { kind: 'out_of_stock', sku: line.sku, available: res.rows[0]?.stock ?? 0 } }
}

/** With the lock: an atomic conditional decrement. Without: a read, kept on the line. */
async function takeStock(q: Queryable, line: OrderLine, inventoryLock: boolean): Promise<void> {
  const refuse = (available: number) => new Refusal({ kind: 'out_of_stock', sku: line.sku, available })
  if (inventoryLock) {
    const res = await q.query('UPDATE products SET stock = stock - $2 WHERE sku = $1 AND stock >= $2', [
      line.sku,
      line.quantity,
    ])
    if (res.rowCount > 0) return
  }
  const res = await q.query<{ stock: number }>('SELECT stock FROM products WHERE sku = $1', [line.sku])
  const available = res.rows[0]?.stock ?? 0
  if (inventoryLock || available < line.quantity) throw refuse(available)
  line.stockSeen = available
}
