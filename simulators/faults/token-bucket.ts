/** A token bucket: `burst` tokens, refilled at `ratePerS`; time comes from the caller. */
export interface TokenBucket {
  /** Takes a token if there is one. */
  take(nowMs: number): boolean
  /** Seconds until the next token (for Retry-After), at least 1. */
  retryAfterS(nowMs: number): number
}

/** @example const bucket = createTokenBucket(10, 5, now()); bucket.take(now()) */
export function createTokenBucket(ratePerS: number, burst: number, startMs: number): TokenBucket {
  let tokens = burst
  let lastMs = startMs
  const refill = (nowMs: number): void => {
    if (nowMs > lastMs) {
      tokens = Math.min(burst, tokens + ((nowMs - lastMs) / 1000) * ratePerS)
      lastMs = nowMs
    }
  }
  return {
    take(nowMs) {
      refill(nowMs)
      if (tokens < 1) return false
      tokens -= 1
      return true
    },
    retryAfterS(nowMs) {
      refill(nowMs)
      return Math.max(1, Math.ceil((1 - tokens) / ratePerS))
    },
  }
}
