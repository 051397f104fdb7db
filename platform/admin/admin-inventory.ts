import type { Queryable } from '../db/db.js'
import type { AdminInventoryItem } from './admin-schemas.js'

export type { AdminInventoryItem }

/** Every SKU's stock and the quantity sold in paid orders. */
export async function listAdminInventory(q: Queryable): Promise<AdminInventoryItem[]> {
  const res = await q.query<{ sku: string; initial_stock: number; stock: number; paid: number }>(
    `SELECT p.sku, p.initial_stock, p.stock, COALESCE(s.paid, 0)::int8 AS paid
     FROM products p
     LEFT JOIN (
       SELECT line->>'sku' AS sku, SUM((line->>'quantity')::int8) AS paid
       FROM orders, jsonb_array_elements(lines) AS line
       WHERE status IN ('paid', 'refunded')
       GROUP BY 1
     ) s ON s.sku = p.sku
     ORDER BY p.sku`,
  )
  return res.rows.map((r) => ({
    sku: r.sku,
    initialStock: r.initial_stock,
    stock: r.stock,
    paidQuantity: r.paid,
  }))
}

/** Sets a SKU's stock (and its initial stock) before a run, e.g. for a flash sale. */
export async function setStock(q: Queryable, sku: string, stock: number): Promise<boolean> {
  const res = await q.query('UPDATE products SET stock = $2, initial_stock = $2 WHERE sku = $1', [sku, stock])
  return res.rowCount > 0
}
