import { request } from 'undici'
import { readGroundTruthList } from '../ground-truth/read-source.js'
import { createShopperJourneys } from './shopper-journeys.js'
import type { Target, TargetGroundTruth } from './target.js'

/** Order statuses in which nothing more will happen by itself. */
const TERMINAL = new Set(['paid', 'failed', 'refunded', 'canceled', 'cancelled'])

/**
 * The built-in target: the reference commerce API in platform/. Shoppers play every journey
 * kind (`shopper-journeys.ts`); its ground truth comes from its admin API (`/__admin/orders`, `…/inventory`,
 * `…/events`, `…/webhooks`), reached directly, never through a toxic.
 *
 * @param adminUrl the platform's own address, read at each call (a restart keeps its port).
 */
export function referencePlatform(adminUrl: () => string): Target {
  return {
    name: 'reference platform',
    journeys: (options) => createShopperJourneys(options),
    async prepare({ stock }) {
      for (const [sku, units] of Object.entries(stock)) await setStock(adminUrl(), sku, units)
    },
    async isQuiet() {
      const [orders, events] = await Promise.all([
        readGroundTruthList(adminUrl(), 'orders'),
        readGroundTruthList(adminUrl(), 'events'),
      ])
      // A source that cannot be read is not quiet; the run reports it as skipped afterwards.
      if ('skipped' in orders || 'skipped' in events) return false
      if (orders.some((o) => !TERMINAL.has(o.status))) return false
      const published = new Set(events.filter((e) => e.type === 'OrderPaid').map((e) => e.orderId))
      return orders.every((o) => o.status !== 'paid' || published.has(o.id))
    },
    async readGroundTruth(): Promise<TargetGroundTruth> {
      const base = adminUrl()
      const [orders, inventory, publishedEvents, webhooks] = await Promise.all([
        readGroundTruthList(base, 'orders'),
        readGroundTruthList(base, 'inventory'),
        readGroundTruthList(base, 'events'),
        readGroundTruthList(base, 'webhooks'),
      ])
      return { orders, inventory, publishedEvents, webhooks }
    },
  }
}

/** Sets a SKU's stock through the platform's admin API (a flash sale's few units). */
async function setStock(platformUrl: string, sku: string, units: number): Promise<void> {
  const res = await request(`${platformUrl}/__admin/products/${encodeURIComponent(sku)}/stock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stock: units }),
  })
  const text = await res.body.text()
  if (res.statusCode >= 300)
    throw new Error(`Failed to set the stock of ${sku} (HTTP ${res.statusCode}): ${text}`)
}
