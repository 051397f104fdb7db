// A closed-loop HTTP load for the benches: `connections` loops on one undici Pool, each sending
// its next request as soon as the last one answered, for a bounded number of seconds.
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'

/** One request of the loop; `n` counts from 1 across all loops (fresh keys, fresh codes). */
export interface LoopRequest {
  path: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
}

export interface LoopResult {
  reqPerS: number
  p50: number
  p99: number
  failures: number
}

/**
 * Runs the loop; an answer other than `okStatus`, or a network error, counts as a failure.
 * @note autocannon 8's `idReplacement` sent no requests here and its `setupRequest` cost more
 * client CPU than the server under test, so the load is a plain undici Pool.
 */
export async function closedLoop(options: {
  port: number
  seconds: number
  connections: number
  request: (n: number) => LoopRequest
  okStatus?: number
}): Promise<LoopResult> {
  const { port, seconds, connections, request, okStatus = 200 } = options
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections, pipelining: 1 })
  const latencies: number[] = []
  let failures = 0
  let counter = 0
  const endAt = performance.now() + seconds * 1000
  const loop = async (): Promise<void> => {
    while (performance.now() < endAt) {
      const start = performance.now()
      try {
        const res = await pool.request(request(++counter))
        await res.body.dump()
        if (res.statusCode !== okStatus) failures++
      } catch {
        failures++
      }
      latencies.push(performance.now() - start)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: connections }, loop))
  const elapsedS = (performance.now() - started) / 1000
  await pool.close()
  latencies.sort((a, b) => a - b)
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
  return { reqPerS: latencies.length / elapsedS, p50: at(0.5), p99: at(0.99), failures }
}

export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
