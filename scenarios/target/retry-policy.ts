/** 409 (the same key still in flight) and any 5xx: the outcome is unknown, retry with the same key. */
export const isRetryable = (status: number): boolean => status === 409 || status >= 500

/** Before try `attempt` (2, 3, …): exponential from 200 ms, capped at 1 s — a shopper's patience, not a thundering herd. */
export function backoffMs(attempt: number): number {
  return Math.min(1_000, 50 * 2 ** attempt)
}
