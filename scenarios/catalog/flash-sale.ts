import { defineScenario } from '../format/scenario.js'

/**
 * Forty limited sneakers, a burst of shoppers. With `inventory-lock` on, the stock decrement is
 * one conditional UPDATE and the forty-first checkout is refused; with it off, the platform
 * reads the stock, charges, then writes the stock back — concurrent checkouts overwrite each
 * other's decrement and more pairs are sold than exist.
 */
export default defineScenario({
  name: 'flash-sale',
  description:
    '40 limited sneakers, 60 shoppers a second; passes with inventory-lock on, oversells with it off',
  teaches:
    'Forty limited sneakers, sixty shoppers a second: concurrent checkouts race for the last units. ' +
    '`inventory-lock` decrements the stock with one conditional UPDATE, so the forty-first checkout ' +
    'is refused; with it off, checkouts read the stock and write it back after paying, and overwrite ' +
    'each other. A pass: no oversell (`integrity.oversell`) and checkout p99 ≤ 3 s.',
  rate: 60,
  stock: { sku_limited_sneaker: 40 },
  shopper: { sku: 'sku_limited_sneaker' },
  exercises: ['inventory-lock'],
  phases: [{ name: 'sale', durationMs: 3_000 }],
  slos: [
    { name: 'checkout p99 under 3 s', metric: 'latency.p99', comparator: '<=', threshold: 3_000, unit: 'ms' },
  ],
})
