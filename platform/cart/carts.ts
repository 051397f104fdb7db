import type { Queryable } from '../db/db.js'
import { money, multiply, sum, type CurrencyCode, type Money } from '../money.js'

/** One line of a cart. */
export interface CartItem {
  sku: string
  quantity: number
  unitPrice: Money
}

/** A cart and its total. */
export interface Cart {
  id: string
  currency: CurrencyCode
  items: CartItem[]
  total: Money
}

/** Creates an empty cart. */
export async function insertCart(q: Queryable, id: string, currency: CurrencyCode, now: Date): Promise<Cart> {
  await q.query('INSERT INTO carts (id, currency, created_at) VALUES ($1, $2, $3)', [id, currency, now])
  return { id, currency, items: [], total: money(0, currency) }
}

/** Loads a cart with its items, or `undefined`. */
export async function findCart(q: Queryable, id: string): Promise<Cart | undefined> {
  const carts = await q.query<{ id: string; currency: string }>(
    'SELECT id, currency FROM carts WHERE id = $1',
    [id],
  )
  const row = carts.rows[0]
  if (!row) return undefined
  const items = await q.query<{ sku: string; quantity: number; unit_price_minor: number }>(
    'SELECT sku, quantity, unit_price_minor FROM cart_items WHERE cart_id = $1 ORDER BY sku',
    [id],
  )
  const currency = money(0, row.currency).currency
  const lines = items.rows.map((r) => ({
    sku: r.sku,
    quantity: r.quantity,
    unitPrice: money(r.unit_price_minor, currency),
  }))
  return { id: row.id, currency, items: lines, total: cartTotal(lines, currency) }
}

/** Σ quantity × unit price. */
export function cartTotal(items: readonly CartItem[], currency: CurrencyCode): Money {
  return sum(
    items.map((i) => multiply(i.unitPrice, i.quantity)),
    currency,
  )
}
