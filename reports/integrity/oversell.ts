import type { Finding } from '../report.js'
import type { InventoryItem } from '../types.js'
import type { CheckResult } from './check-result.js'

/**
 * Units sold beyond the stock there was: for each SKU, paid quantity − initial stock when positive
 * (a stock that went negative says the same). The count is in units, summed over SKUs.
 */
export function findOversell(inventory: readonly InventoryItem[]): CheckResult {
  const findings: Finding[] = []
  let count = 0
  for (const item of inventory) {
    const oversold = Math.max(item.paidQuantity - item.initialStock, -item.stock, 0)
    if (oversold === 0) continue
    count += oversold
    findings.push({
      check: 'oversell',
      detail:
        `${item.sku}: ${item.paidQuantity} sold in paid orders from a stock of ${item.initialStock} ` +
        `(${oversold} oversold; stock now ${item.stock})`,
      timeline: [],
    })
  }
  return { count, findings }
}
