// A closed loop of whole checkouts for the benches: `connections` shoppers on one undici Pool,
// each starting its next journey (cart → item → checkout) as soon as the last one ended, for a
// bounded number of seconds. No retries: an answer other than the expected one is a failure.
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'
import { BAGGAGE_HEADER, formatJourneyBaggage } from '../../lib/journey-context.js'

export interface CheckoutLoopResult {
  /** Journeys whose checkout answered 201, per second. */
  checkoutsPerS: number
  /** Completed journeys (ok or not): what the processes' CPU is divided by. */
  journeys: number
  /** The checkout POST alone (the saga's latency, without the cart and item requests), ms. */
  p50: number
  p99: number
  failures: number
  /** The first few failures, `step HTTP status code`, for a message when any happened. */
  failureSamples: string[]
}

/**
 * Runs the loop against the platform at `url`; Idempotency-Keys are `${keyPrefix}${n}`, fresh for
 * every journey. Requests carry the `baggage` header game-day shoppers send (the proxy reads it).
 */
export async function checkoutLoop(options: {
  url: string
  seconds: number
  connections: number
  keyPrefix: string
}): Promise<CheckoutLoopResult> {
  const { url, seconds, connections, keyPrefix } = options
  const pool = new Pool(url, { connections, pipelining: 1 })
  const latencies: number[] = []
  const failureSamples: string[] = []
  let failures = 0
  let journeys = 0
  let ok = 0
  let counter = 0
  const post = async (journey: number, step: string, path: string, body: unknown, key?: string) => {
    const res = await pool.request({
      method: 'POST',
      path,
      headers: {
        'content-type': 'application/json',
        [BAGGAGE_HEADER]: formatJourneyBaggage({ journey, step, attempt: 1 }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    })
    const text = await res.body.text()
    return { status: res.statusCode, json: parse(text) }
  }
  const fail = (sample: string): void => {
    failures++
    if (failureSamples.length < 5) failureSamples.push(sample)
  }
  const endAt = performance.now() + seconds * 1000
  const loop = async (): Promise<void> => {
    while (performance.now() < endAt) {
      const n = ++counter
      try {
        const cart = await post(n, 'cart', '/v1/carts', { currency: 'usd' })
        if (cart.status !== 201) {
          fail(`cart HTTP ${cart.status} ${String(cart.json.code ?? '')}`)
          continue
        }
        const cartId = String(cart.json.id)
        const item = await post(n, 'item', `/v1/carts/${cartId}/items`, { sku: 'sku_tshirt', quantity: 1 })
        if (item.status !== 200) {
          fail(`item HTTP ${item.status} ${String(item.json.code ?? '')}`)
          continue
        }
        const start = performance.now()
        const body = { cartId, paymentMethod: 'pm_card_visa' }
        const checkout = await post(n, 'checkout', '/v1/checkouts', body, `${keyPrefix}${n}`)
        latencies.push(performance.now() - start)
        if (checkout.status === 201) ok++
        else fail(`checkout HTTP ${checkout.status} ${String(checkout.json.code ?? '')}`)
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error))
      } finally {
        journeys++
      }
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: connections }, loop))
  const elapsedS = (performance.now() - started) / 1000
  await pool.close()
  latencies.sort((a, b) => a - b)
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
  return { checkoutsPerS: ok / elapsedS, journeys, p50: at(0.5), p99: at(0.99), failures, failureSamples }
}

function parse(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    return {}
  }
}
