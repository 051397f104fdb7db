import type { Queryable } from '../db/db.js'
import { money, type Money } from '../money.js'

/** A product of the catalog. */
export interface Product {
  sku: string
  name: string
  price: Money
  stock: number
}

interface ProductRow {
  sku: string
  name: string
  price_minor: number
  currency: string
  stock: number
}

const toProduct = (r: ProductRow): Product => ({
  sku: r.sku,
  name: r.name,
  price: money(r.price_minor, r.currency),
  stock: r.stock,
})

/** Every product, by SKU. */
export async function listProducts(q: Queryable): Promise<Product[]> {
  const res = await q.query<ProductRow>(
    'SELECT sku, name, price_minor, currency, stock FROM products ORDER BY sku',
  )
  return res.rows.map(toProduct)
}

/** One product, or `undefined`. */
export async function findProduct(q: Queryable, sku: string): Promise<Product | undefined> {
  const res = await q.query<ProductRow>(
    'SELECT sku, name, price_minor, currency, stock FROM products WHERE sku = $1',
    [sku],
  )
  const row = res.rows[0]
  return row ? toProduct(row) : undefined
}
