import type { Queryable } from '../db/db.js'
import type { OrderLine } from '../orders/order-repo.js'

/** Gives back the stock a failed order took at creation (lines read without the lock took none). */
export async function releaseStock(q: Queryable, lines: readonly OrderLine[]): Promise<void> {
  for (const line of lines) {
    if (line.stockSeen !== undefined) continue
    await q.query('UPDATE products SET stock = stock + $2 WHERE sku = $1', [line.sku, line.quantity])
  }
}

/**
 * Without the `inventory-lock` safeguard the stock is only read at creation and written back
 * after payment as `read − quantity`, as a naive implementation does: concurrent checkouts
 * overwrite each other's decrements (lost updates) and sell more than the stock.
 */
export async function writeBackStock(q: Queryable, lines: readonly OrderLine[]): Promise<void> {
  for (const line of lines) {
    if (line.stockSeen === undefined) continue
    await q.query('UPDATE products SET stock = $2 WHERE sku = $1', [line.sku, line.stockSeen - line.quantity])
  }
}
