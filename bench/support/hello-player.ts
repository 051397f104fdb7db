// The smallest journey player the load driver can be timed with: every journey is one GET / on an
// undici Pool, reported to `observe` as a real player reports its requests, so what the bench
// charges to the driver is the driver's own bookkeeping, not a journey's work.
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'
import type {
  JourneyPlayer,
  JourneyRef,
  JourneyResult,
  OperationResult,
} from '../../scenarios/target/target.js'

export interface HelloPlayer extends JourneyPlayer {
  /** Journeys answered 200 / answered otherwise or not at all. */
  counts(): { ok: number; failed: number }
  /** Monotonic ms of the first and last journey started (the rate the server actually saw). */
  span(): { first: number; last: number; started: number }
}

const OK: JourneyResult = { kind: 'browse', outcome: { type: 'ok' } }

/**
 * GET / through the pool's dispatch with a handler that drops the body: the status, or the error
 * code. (undici's `request()` wraps every answer in a Readable; here that cost ~35% more CPU per
 * request than the load generators it is compared with, and would be charged to the driver.)
 */
function get(pool: Pool): Promise<number | string> {
  return new Promise((resolve) => {
    let status = 0
    pool.dispatch(
      { path: '/', method: 'GET' },
      {
        onConnect: () => undefined,
        onHeaders: (statusCode: number) => {
          status = statusCode
          return true
        },
        onData: () => true,
        onComplete: () => resolve(status),
        onError: (error: Error) => resolve((error as { code?: string }).code ?? 'error'),
      },
    )
  })
}

/** @param now the driver's clock, for the times `observe` gets. */
export function helloPlayer(port: number, connections: number, now: () => number): HelloPlayer {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections, pipelining: 1 })
  let ok = 0
  let failed = 0
  let started = 0
  let first = 0
  let last = 0
  return {
    async run(_journey: JourneyRef, observe?: (operation: OperationResult) => void): Promise<JourneyResult> {
      const at = performance.now()
      if (started++ === 0) first = at
      last = at
      const startMs = now()
      const status = await get(pool)
      const good = status === 200
      if (good) ok++
      else failed++
      const endMs = now()
      if (typeof status === 'string') {
        observe?.({ name: 'browse', startMs, endMs, outcome: 'info', detail: status })
        return { kind: 'browse', outcome: { type: 'info', reason: status } }
      }
      observe?.({ name: 'browse', startMs, endMs, outcome: good ? 'ok' : 'info', status })
      return good ? OK : { kind: 'browse', outcome: { type: 'info', reason: `HTTP ${status}` } }
    },
    close: () => pool.close(),
    counts: () => ({ ok, failed }),
    span: () => ({ first, last, started }),
  }
}
