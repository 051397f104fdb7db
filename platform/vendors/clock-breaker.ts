import type { Clock } from '../../lib/clock.js'

/** A breaker's state as its listeners see it. */
export type BreakerState = 'open' | 'half-open' | 'closed'

/** A circuit breaker around a vendor's calls, and whether a call would be let through now. */
export interface ClockBreaker {
  /** Runs `call` unless open; a transient failure counts towards opening, a success closes. */
  execute<T>(call: () => Promise<T>): Promise<T>
  /** False while open (until its half-open probe is due): callers fail fast. */
  isClosed(): boolean
}

/** Options of {@link createClockBreaker}. */
export interface ClockBreakerOptions {
  /** Off (the `circuit-breaker` safeguard): every call goes through. */
  enabled: boolean
  /** Whose time decides when a probe is due. */
  clock: Clock
  /** Calls failed in a row (after their retries) that open it. @default 5 */
  consecutiveFailures?: number
  /**
   * Open for this long after it first opens, then one probe call. Each probe that fails doubles
   * the wait, up to `maxHalfOpenAfterMs`; closing starts over. @default 1000
   */
  halfOpenAfterMs?: number
  /** The longest wait between probes. @default 10000 */
  maxHalfOpenAfterMs?: number
  isTransient: (err: Error) => boolean
  /** What a refused call throws. */
  openError: () => Error
  onStateChange?: (state: BreakerState) => void
}

type State =
  | { name: 'closed'; failures: number }
  | { name: 'open'; openedAtMs: number; waitMs: number }
  | { name: 'half-open'; waitMs: number }

/**
 * Opens after consecutive transient failures so that requests stop piling onto a dead vendor:
 * calls fail fast during an outage and one probe closes it again on recovery. The probes back
 * off exponentially (1 s, 2 s, 4 s … 10 s by default, like cockatiel's `ExponentialBackoff` for
 * `halfOpenAfter`): a short outage is left within about a second of its end, while a long one is
 * probed rarely. A fixed 5 s wait held shoppers off a recovered vendor for up to 5 s.
 *
 * @note Written here rather than cockatiel's `circuitBreaker`, which reads `Date.now()` for its
 * half-open delay: this one takes the platform's clock, so a test (or a replay) moves it by hand.
 * Errors that are not transient (a card decline, a refused request) neither count nor reset, as
 * in cockatiel.
 * @example
 * const breaker = createClockBreaker({ enabled: true, clock: systemClock, isTransient, openError: () => new Error('open') })
 * await breaker.execute(() => fetch(url))
 */
export function createClockBreaker(options: ClockBreakerOptions): ClockBreaker {
  if (!options.enabled) return { execute: (call) => call(), isClosed: () => true }
  const { clock } = options
  const threshold = options.consecutiveFailures ?? 5
  const firstWaitMs = options.halfOpenAfterMs ?? 1_000
  const maxWaitMs = Math.max(firstWaitMs, options.maxHalfOpenAfterMs ?? 10_000)
  let state: State = { name: 'closed', failures: 0 }
  const move = (next: State) => {
    const changed = next.name !== state.name
    state = next
    if (changed) options.onStateChange?.(next.name)
  }
  const probeDue = (s: State) => s.name === 'open' && clock.monotonic() - s.openedAtMs >= s.waitMs
  return {
    async execute(call) {
      if (state.name === 'half-open' || (state.name === 'open' && !probeDue(state))) {
        throw options.openError()
      }
      const probing = state.name === 'open'
      const waitedMs = state.name === 'open' ? state.waitMs : firstWaitMs
      if (probing) move({ name: 'half-open', waitMs: waitedMs })
      try {
        const result = await call()
        // A call that started before the breaker opened says nothing about the vendor now.
        if (probing || state.name === 'closed') move({ name: 'closed', failures: 0 })
        return result
      } catch (err) {
        const transient = err instanceof Error && options.isTransient(err)
        if (probing) {
          // A refusal on the probe still means the vendor answered: it is alive.
          move(
            transient
              ? { name: 'open', openedAtMs: clock.monotonic(), waitMs: Math.min(maxWaitMs, waitedMs * 2) }
              : { name: 'closed', failures: 0 },
          )
        } else if (transient && state.name === 'closed') {
          const failures = state.failures + 1
          move(
            failures >= threshold
              ? { name: 'open', openedAtMs: clock.monotonic(), waitMs: firstWaitMs }
              : { name: 'closed', failures },
          )
        }
        throw err
      }
    },
    isClosed: () => state.name === 'closed' || probeDue(state),
  }
}
