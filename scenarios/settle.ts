import { request } from 'undici'

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
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function isSettled(options: { pspUrl: string; platformUrl: string }): Promise<boolean> {
  const [webhooks, orders, events] = await Promise.all([
    getJson<{ pending?: number }>(`${options.pspUrl}/__admin/webhooks`),
    getJson<{ orders: Array<{ id: string; status: string }> }>(`${options.platformUrl}/__admin/orders`),
    getJson<{ events: Array<{ type: string; orderId: string }> }>(`${options.platformUrl}/__admin/events`),
  ])
  if ((webhooks.pending ?? 0) > 0) return false
  if (orders.orders.some((o) => !TERMINAL.has(o.status))) return false
  const published = new Set(events.events.filter((e) => e.type === 'OrderPaid').map((e) => e.orderId))
  return orders.orders.every((o) => o.status !== 'paid' || published.has(o.id))
}

async function getJson<T>(url: string): Promise<T> {
  const res = await request(url, { headersTimeout: 5_000, bodyTimeout: 10_000 })
  if (res.statusCode !== 200) {
    await res.body.dump()
    throw new Error(`GET ${url}: HTTP ${res.statusCode}`)
  }
  return (await res.body.json()) as T
}
