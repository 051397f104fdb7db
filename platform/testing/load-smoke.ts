/**
 * A quick closed-loop load smoke test of the platform against the PSP simulator, in one process
 * (not a measurement of record: the load driver in scenarios/ is). Each checkout is a cart, an
 * item and a checkout; one in ten uses a declining card.
 * Run: `node --import tsx platform/testing/load-smoke.ts [checkouts=1000] [concurrency=32]`
 */
import { startPsp } from '../../simulators/index.js'
import { startPlatform } from '../index.js'

const total = Number(process.argv[2] ?? 1000)
const concurrency = Number(process.argv[3] ?? 32)
const psp = await startPsp({ port: 0, seed: 3 })
const platform = await startPlatform({ pspUrl: psp.url })

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${platform.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as { id?: string } }
}

const statuses: Record<number, number> = {}
const latencies: number[] = []
let next = 0
const started = performance.now()
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++
      const t = performance.now()
      const cart = await post('/v1/carts', {})
      await post(`/v1/carts/${cart.body.id}/items`, { sku: 'sku_mug', quantity: 1 })
      const paymentMethod = i % 10 === 0 ? 'pm_card_visa_chargeDeclined' : 'pm_card_visa'
      const res = await post(
        '/v1/checkouts',
        { cartId: cart.body.id, paymentMethod },
        { 'idempotency-key': `smoke-${i}` },
      )
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
      latencies.push(performance.now() - t)
    }
  }),
)
const seconds = (performance.now() - started) / 1000
latencies.sort((a, b) => a - b)
const at = (q: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN)
const orders = ((await (await fetch(`${platform.url}/__admin/orders`)).json()) as { orders: unknown[] })
  .orders
process.stdout.write(
  `${JSON.stringify({ total, concurrency, checkoutsPerS: Math.round(total / seconds), statuses, p50Ms: at(0.5), p99Ms: at(0.99), orders: orders.length })}\n`,
)
await platform.close()
await psp.close()
