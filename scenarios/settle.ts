import { sleep } from './abortable-sleep.js'
import { readJson } from './admin-api.js'

/** Order statuses in which nothing more will happen by itself. */
const TERMINAL = new Set(['paid', 'failed', 'refunded', 'canceled', 'cancelled'])

/**
 * Quiescence before the ground truth is read (checking-correctness.md): with faults healed, wait
 * until the PSP has no webhook delivery pending, no order is mid-payment (the reconciler resumes
 * stalled ones) and every paid order's OrderPaid has been relayed — or until `maxMs`, when the
 * checks will report what is still unsettled. Resolves how long it took and whether it settled.
 */
export async function settle(options: { pspUrl: string; platformUrl: string; maxMs: number }): Promise<{
  settled: boolean
  waitedMs: number
}> {
  const started = Date.now()
  for (;;) {
    if (await isSettled(options).catch(() => false)) return { settled: true, waitedMs: Date.now() - started }
    if (Date.now() - started >= options.maxMs) return { settled: false, waitedMs: Date.now() - started }
    await sleep(200)
  }
}

async function isSettled(options: { pspUrl: string; platformUrl: string }): Promise<boolean> {
  const [webhooks, orders, events] = await Promise.all([
    readJson<{ pending?: number }>(`${options.pspUrl}/__admin/webhooks`),
    readJson<{ orders: Array<{ id: string; status: string }> }>(`${options.platformUrl}/__admin/orders`),
    readJson<{ events: Array<{ type: string; orderId: string }> }>(`${options.platformUrl}/__admin/events`),
  ])
  // A source that cannot be read is not settled; the run reports it as skipped afterwards.
  if ('skipped' in webhooks || 'skipped' in orders || 'skipped' in events) return false
  if ((webhooks.pending ?? 0) > 0) return false
  if (orders.orders.some((o) => !TERMINAL.has(o.status))) return false
  const published = new Set(events.events.filter((e) => e.type === 'OrderPaid').map((e) => e.orderId))
  return orders.orders.every((o) => o.status !== 'paid' || published.has(o.id))
}
