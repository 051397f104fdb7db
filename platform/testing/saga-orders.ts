import type { Db, Queryable } from '../db/db.js'
import { money } from '../money.js'
import { insertOrder, type StoredOrder } from '../orders/order-repo.js'
import { transition, type Order } from '../orders/order-state.js'

/**
 * Stores a one-mug saga order `payment_pending`, with its cart, as the checkout creates it, and
 * returns it as the saga carries it. `tag` makes its ids (`cart_<tag>`, `ord_<tag>`).
 */
export async function storePendingSagaOrder(
  db: Db,
  options: { tag: string; checkoutKey: string; at: Date },
): Promise<StoredOrder> {
  const { tag, checkoutKey, at } = options
  await db.query("INSERT INTO carts (id, currency, created_at) VALUES ($1, 'usd', $2)", [`cart_${tag}`, at])
  const pending: Order = {
    id: `ord_${tag}`,
    status: 'pending',
    cartId: `cart_${tag}`,
    checkoutKey,
    total: money(1200, 'usd'),
    paymentIntentIds: [],
    createdAt: at,
    saga: { subtotal: money(1200, 'usd'), tax: undefined, fraud: undefined, taxDocument: 'none' },
  }
  const started = transition(pending, { type: 'payment_started' })
  if (!started.ok) throw new Error('Failed to start the test order: refused')
  const lines = [{ sku: 'sku_mug', quantity: 1, unitPriceMinor: 1200 }]
  await insertOrder(db, { order: pending, started, lines, paymentMethod: 'pm_card_visa', email: undefined })
  return { order: started.order, lines, paymentMethod: 'pm_card_visa', email: undefined }
}

/** A spy on the database that counts transactions, so a test sees which road a write took. */
export function countingTransactions(inner: Db): Db & { transactions: number } {
  const spy = {
    ...inner,
    transactions: 0,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      spy.transactions++
      return inner.transaction(fn)
    },
  }
  return spy
}
