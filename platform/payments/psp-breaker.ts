import { createClockBreaker, type BreakerState, type ClockBreaker } from '../vendors/clock-breaker.js'
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
export type PspBreaker = ClockBreaker

/** Options of {@link createPspBreaker}. */
export interface PspBreakerOptions {
  /** Off (the `circuit-breaker` safeguard): every call goes through. */
  enabled: boolean
  /** Whose time decides when a probe is due. */
  clock: Clock
  /** Calls failed in a row (after their retry) that open it. @default 5 */
  consecutiveFailures?: number
  /** Open for this long, then one probe call; doubled after each failed probe (see clock-breaker.ts). @default 1000 */
  halfOpenAfterMs?: number
  /** The longest wait between probes. @default 10000 */
  maxHalfOpenAfterMs?: number
  isTransient: (err: Error) => boolean
  onStateChange?: (state: BreakerState) => void
}

/**
 * The PSP's breaker: the platform's clock-driven breaker (`vendors/clock-breaker.ts`) throwing
 * {@link PspCircuitOpenError} while open, so checkouts fail fast (503) during an outage.
 *
 * @example
 * const breaker = createPspBreaker({ enabled: true, clock: systemClock, isTransient })
 * await breaker.execute(() => stripe.paymentIntents.create(params))
 */
export function createPspBreaker(options: PspBreakerOptions): PspBreaker {
  return createClockBreaker({ ...options, openError: () => new PspCircuitOpenError() })
}
