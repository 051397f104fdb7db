import type { Db, Queryable } from '../db/db.js'
import { findCart } from '../cart/carts.js'
import type { OrderLine } from '../orders/order-repo.js'
import { insertOrder } from '../orders/order-repo.js'
import { transition, type Order } from '../orders/order-state.js'
import { markOrderCreated } from '../idempotency/idempotency-keys.js'
import { problem, type CheckoutResponse } from './checkout-response.js'

/** What the first atomic phase of a checkout needs. */
export interface CreateOrderInput {
  orderId: string
  cartId: string
  paymentMethod: string
  email: string | undefined
  checkoutKey: string
  /** The idempotency key to move to `order_created`, when idempotency is on. */
  idempotencyKey: string | undefined
  /** Atomic conditional decrement (the `inventory-lock` safeguard) or read-then-write. */
  inventoryLock: boolean
  now: Date
}

class Refusal extends Error {
  constructor(readonly response: CheckoutResponse) {
    super('checkout refused')
  }
}

/**
 * Phase 1, one transaction: reads the cart, takes the stock, inserts the order and moves it to
 * `payment_pending`, and records the recovery point. A refusal (no cart, empty, no stock)
 * changes nothing and comes back as the response to send.
 */
export async function createOrder(
  db: Db,
  input: CreateOrderInput,
): Promise<{ ok: true; order: Order; lines: OrderLine[] } | { ok: false; response: CheckoutResponse }> {
  const cart = await findCart(db, input.cartId)
  if (!cart) return { ok: false, response: problem('CART_NOT_FOUND', `Cart ${input.cartId} does not exist`) }
  if (cart.items.length === 0)
    return { ok: false, response: problem('CART_EMPTY', `Cart ${cart.id} has no items`) }
  const lines: OrderLine[] = cart.items.map((i) => ({
    sku: i.sku,
    quantity: i.quantity,
    unitPriceMinor: i.unitPrice.amount,
  }))
  try {
    const order = await db.transaction(async (tx) => {
      for (const line of lines) await takeStock(tx, line, input.inventoryLock)
      const pending: Order = {
        id: input.orderId,
        status: 'pending',
        cartId: cart.id,
        checkoutKey: input.checkoutKey,
        total: cart.total,
        paymentIntentIds: [],
        createdAt: input.now,
      }
      const started = transition(pending, { type: 'payment_started' })
      if (!started.ok) throw new Error(started.error.detail)
      await insertOrder(tx, {
        order: pending,
        started,
        lines,
        paymentMethod: input.paymentMethod,
        email: input.email,
      })
      if (input.idempotencyKey) await markOrderCreated(tx, input.idempotencyKey, pending.id, input.now)
      return started.order
    })
    return { ok: true, order, lines }
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, response: err.response }
    throw err
  }
}

/** With the lock: an atomic conditional decrement. Without: a read, kept on the line. */
async function takeStock(q: Queryable, line: OrderLine, inventoryLock: boolean): Promise<void> {
  const refuse = (available: number) =>
    new Refusal(
      problem('INSUFFICIENT_STOCK', `Only ${available} of ${line.sku} in stock`, {
        sku: line.sku,
        available,
      }),
    )
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
