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

/** Loads a cart with its items, or `undefined`: one statement (the cart's row, once per item). */
export async function findCart(q: Queryable, id: string): Promise<Cart | undefined> {
  const res = await q.query<{
    currency: string
    sku: string | null
    quantity: number | null
    unit_price_minor: number | null
  }>(
    `SELECT c.currency, i.sku, i.quantity, i.unit_price_minor
     FROM carts c LEFT JOIN cart_items i ON i.cart_id = c.id WHERE c.id = $1 ORDER BY i.sku`,
    [id],
  )
  const first = res.rows[0]
  if (!first) return undefined
  const currency = money(0, first.currency).currency
  const items: ItemRow[] = []
  for (const r of res.rows) {
    if (r.sku !== null)
      items.push({ sku: r.sku, quantity: r.quantity ?? 0, unit_price_minor: r.unit_price_minor ?? 0 })
  }
  return cartOf(id, currency, items)
}

/** One stored cart line. */
export interface ItemRow {
  sku: string
  quantity: number
  unit_price_minor: number
}

/** A cart from its stored lines (sorted by SKU). */
export function cartOf(id: string, currency: CurrencyCode, rows: readonly ItemRow[]): Cart {
  const lines = rows.map((r) => ({
    sku: r.sku,
    quantity: r.quantity,
    unitPrice: money(r.unit_price_minor, currency),
  }))
  return { id, currency, items: lines, total: cartTotal(lines, currency) }
}

/** Σ quantity × unit price. */
export function cartTotal(items: readonly CartItem[], currency: CurrencyCode): Money {
  return sum(
    items.map((i) => multiply(i.unitPrice, i.quantity)),
    currency,
  )
}
