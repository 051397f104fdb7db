import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, noop, type IPolicy } from 'cockatiel'

/** A circuit breaker around PSP calls, and whether a call would be let through now. */
export interface PspBreaker {
  policy: IPolicy
  /** False while open (until its half-open probe is due): callers fail fast without an order. */
  isClosed(): boolean
}

/** Options of {@link createPspBreaker}. */
export interface PspBreakerOptions {
  /** Off (the `circuit-breaker` safeguard): every call goes through. */
  enabled: boolean
  /** Calls failed in a row (after their retry) that open it. @default 5 */
  consecutiveFailures?: number
  /** Open for this long, then one probe call. @default 5000 */
  halfOpenAfterMs?: number
  isTransient: (err: Error) => boolean
  onStateChange?: (state: 'open' | 'half-open' | 'closed') => void
}

/**
 * Opens after consecutive transient failures so that requests stop piling onto a dead PSP:
 * checkouts fail fast (503) during an outage and one probe closes it again on recovery.
 */
export function createPspBreaker(options: PspBreakerOptions): PspBreaker {
  if (!options.enabled) return { policy: noop, isClosed: () => true }
  const halfOpenAfterMs = options.halfOpenAfterMs ?? 5_000
  const policy = circuitBreaker(handleWhen(options.isTransient), {
    halfOpenAfter: halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.consecutiveFailures ?? 5),
  })
  let openedAt = 0
  policy.onStateChange((state) => {
    if (state === CircuitState.Open) openedAt = Date.now()
    const name =
      state === CircuitState.Open ? 'open' : state === CircuitState.HalfOpen ? 'half-open' : 'closed'
    options.onStateChange?.(name)
  })
  return {
    policy,
    isClosed: () => policy.state !== CircuitState.Open || Date.now() - openedAt >= halfOpenAfterMs,
  }
}
