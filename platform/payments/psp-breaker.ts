import type { Clock } from '../../lib/clock.js'

/** Thrown instead of calling the PSP while the breaker is open (or its one probe is in flight). */
export class PspCircuitOpenError extends Error {
  readonly code = 'PSP_CIRCUIT_OPEN'
  constructor() {
    super('Failed to call the PSP: the circuit breaker is open')
    this.name = 'PspCircuitOpenError'
  }
}

/** A circuit breaker around PSP calls, and whether a call would be let through now. */
export interface PspBreaker {
  /** Runs `call` unless open; a transient failure counts towards opening, a success closes. */
  execute<T>(call: () => Promise<T>): Promise<T>
  /** False while open (until its half-open probe is due): callers fail fast without an order. */
  isClosed(): boolean
}

/** Options of {@link createPspBreaker}. */
export interface PspBreakerOptions {
  /** Off (the `circuit-breaker` safeguard): every call goes through. */
  enabled: boolean
  /** Whose time decides when a probe is due. */
  clock: Clock
  /** Calls failed in a row (after their retry) that open it. @default 5 */
  consecutiveFailures?: number
  /** Open for this long, then one probe call. @default 5000 */
  halfOpenAfterMs?: number
  isTransient: (err: Error) => boolean
  onStateChange?: (state: 'open' | 'half-open' | 'closed') => void
}

type State =
  { name: 'closed'; failures: number } | { name: 'open'; openedAtMs: number } | { name: 'half-open' }

/**
 * Opens after consecutive transient failures so that requests stop piling onto a dead PSP:
 * checkouts fail fast (503) during an outage and one probe closes it again on recovery.
 *
 * @note Written here rather than cockatiel's `circuitBreaker`, which reads `Date.now()` for its
 * half-open delay: this one takes the platform's clock, so a test (or a replay) moves it by hand.
 * Errors that are not transient (a card decline) neither count nor reset, as in cockatiel.
 * @example
 * const breaker = createPspBreaker({ enabled: true, clock: systemClock, isTransient })
 * await breaker.execute(() => stripe.paymentIntents.create(params))
 */
export function createPspBreaker(options: PspBreakerOptions): PspBreaker {
  if (!options.enabled) return { execute: (call) => call(), isClosed: () => true }
  const { clock } = options
  const threshold = options.consecutiveFailures ?? 5
  const halfOpenAfterMs = options.halfOpenAfterMs ?? 5_000
  let state: State = { name: 'closed', failures: 0 }
  const move = (next: State) => {
    const changed = next.name !== state.name
    state = next
    if (changed) options.onStateChange?.(next.name)
  }
  const probeDue = (s: State) => s.name === 'open' && clock.monotonic() - s.openedAtMs >= halfOpenAfterMs
  return {
    async execute(call) {
      if (state.name === 'half-open' || (state.name === 'open' && !probeDue(state))) {
        throw new PspCircuitOpenError()
      }
      const probing = state.name === 'open'
      if (probing) move({ name: 'half-open' })
      try {
        const result = await call()
        // A call that started before the breaker opened says nothing about the PSP now.
        if (probing || state.name === 'closed') move({ name: 'closed', failures: 0 })
        return result
      } catch (err) {
        const transient = err instanceof Error && options.isTransient(err)
        if (probing) {
          // A decline on the probe still means the PSP answered: it is alive.
          move(transient ? { name: 'open', openedAtMs: clock.monotonic() } : { name: 'closed', failures: 0 })
        } else if (transient && state.name === 'closed') {
          const failures = state.failures + 1
          move(
            failures >= threshold
              ? { name: 'open', openedAtMs: clock.monotonic() }
              : { name: 'closed', failures },
          )
        }
        throw err
      }
    },
    isClosed: () => state.name === 'closed' || probeDue(state),
  }
}
