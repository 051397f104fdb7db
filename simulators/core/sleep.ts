import type { Clock } from '../../lib/clock.js'

/** Resolves after `ms` on the given clock (a manual clock in tests, the machine's when served). */
export function sleep(ms: number, clock: Clock): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => void clock.setTimeout(resolve, ms))
}

/** A promise that never settles: a real hang, held until the server closes the socket. */
export function never(): Promise<never> {
  return new Promise<never>(() => {})
}
