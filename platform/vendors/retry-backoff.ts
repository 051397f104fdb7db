import type { IBackoff, IBackoffFactory, IRetryBackoffContext } from 'cockatiel'
import type { Random } from '../../lib/random.js'

/** Options of {@link retryBackoff}. */
export interface RetryBackoffOptions {
  /** The first pause, ms, before jitter. @default 50 */
  initialDelayMs?: number
  /** No pause is longer, ms (a vendor's `Retry-After` above it is not retried at all). @default 2000 */
  maxDelayMs?: number
  /** Jitter's source: seeded, so a replay pauses the same. */
  random: Random
}

/**
 * Exponential backoff with "full jitter" (AWS architecture blog: a pause drawn in
 * [0, initial × 2^(attempt−1)], capped) that honours the vendor's `Retry-After`: when the failed
 * try carried one, the pause is at least that long.
 *
 * @note cockatiel's own `ExponentialBackoff` draws its jitter from `Math.random()`; this one takes
 * the run's seeded {@link Random} so a game day replays from its seed.
 * @example retry(handleWhen(isRetryable), { maxAttempts: 2, backoff: retryBackoff({ random: createRandom(1) }) })
 */
export function retryBackoff(options: RetryBackoffOptions): IBackoffFactory<IRetryBackoffContext<unknown>> {
  const initial = options.initialDelayMs ?? 50
  const max = options.maxDelayMs ?? 2_000
  const at = (context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> => {
    const ceiling = Math.min(max, initial * 2 ** Math.max(0, context.attempt - 1))
    const jittered = Math.round(options.random.next() * ceiling)
    const asked = retryAfterOf(context)
    return { duration: Math.min(max, Math.max(jittered, asked ?? 0)), next: at }
  }
  return { next: at }
}

function retryAfterOf(context: IRetryBackoffContext<unknown>): number | undefined {
  if (!('error' in context.result)) return undefined
  const ms = (context.result.error as { retryAfterMs?: unknown }).retryAfterMs
  return typeof ms === 'number' && ms >= 0 ? ms : undefined
}

/**
 * A `Retry-After` header as ms from now: delta-seconds, or an HTTP date read against `nowMs`.
 * `undefined` when absent or unreadable.
 * @example parseRetryAfter('2', 0) // 2000
 */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (text === undefined || text.trim() === '') return undefined
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1_000
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}
