import { sleep } from '../load/abortable-sleep.js'

/** 409 (the same key still in flight) and any 5xx: the outcome is unknown, retry with the same key. */
export const isRetryable = (status: number): boolean => status === 409 || status >= 500

/** Before try `attempt` (2, 3, …): exponential from 200 ms, capped at 1 s — a shopper's patience, not a thundering herd. */
export function backoffMs(attempt: number): number {
  return Math.min(1_000, 50 * 2 ** attempt)
}

/**
 * A shopper's retries: `attempt(1)`, then, while `settled` says its answer is still unknown, a
 * backoff and the next try, up to `retries` more. Returns the last try's answer.
 *
 * @example await retryWhileUnknown(2, (attempt) => send(attempt), (a) => a.type === 'answer')
 */
export async function retryWhileUnknown<T>(
  retries: number,
  attempt: (attempt: number) => Promise<T>,
  settled: (answer: T) => boolean,
): Promise<T> {
  for (let n = 1; ; n++) {
    const answer = await attempt(n)
    if (settled(answer) || n > retries) return answer
    await sleep(backoffMs(n + 1))
  }
}
