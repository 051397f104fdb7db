/**
 * Steps of a checkout where a game day can crash the platform, to show what survives a crash
 * between two writes that cannot share a transaction — one after each step of the saga:
 * - `after-reserve`: the order is created and its stock reserved; no vendor called yet;
 * - `after-tax-quote`: the tax vendor quoted (a SalesOrder), the quote not recorded;
 * - `after-fraud-decision`: the fraud vendor decided, the decision not recorded;
 * - `after-psp-authorize`: the PSP authorised (money held), the authorisation not recorded;
 * - `after-psp-charge`: the PSP has charged (captured), nothing of it is recorded yet (the
 *   reconciler's case; on the PSP-only path, after the charge);
 * - `after-commit-before-publish`: the order is paid and committed, its OrderPaid not yet
 *   published (the outbox's case; with the outbox on, the event was committed with the order);
 * - `after-tax-commit`: the tax vendor committed the SalesInvoice, the commit not recorded.
 */
export const CRASH_STEPS = [
  'after-reserve',
  'after-tax-quote',
  'after-fraud-decision',
  'after-psp-authorize',
  'after-psp-charge',
  'after-commit-before-publish',
  'after-tax-commit',
] as const
export type CrashStep = (typeof CRASH_STEPS)[number]

/** Crash points armed through the admin API; `reach` is called at each step. */
export interface CrashPoints {
  /** Arms `step` to crash on its `nth` next reach (1 = the next one). */
  arm(step: CrashStep, nth: number): void
  /** Disarms every step. */
  disarm(): void
  /** Called by the checkout at `step`; kills the process (SIGKILL, no cleanup) when armed for this reach. */
  reach(step: CrashStep): void
}

/**
 * Crash points that end the process the hard way, as a power cut or an OOM kill would: no
 * `finally`, no shutdown hook, nothing flushed.
 * @param kill how to die; injected so tests can observe instead.
 */
export function createCrashPoints(
  kill: () => void = () => process.kill(process.pid, 'SIGKILL'),
): CrashPoints {
  const armed = new Map<CrashStep, number>()
  return {
    arm(step, nth) {
      armed.set(step, nth)
    },
    disarm() {
      armed.clear()
    },
    reach(step) {
      const left = armed.get(step)
      if (left === undefined) return
      if (left > 1) armed.set(step, left - 1)
      else {
        armed.delete(step)
        kill()
      }
    },
  }
}

/** Crash points that never crash: the default outside game days. */
export const noCrashPoints: CrashPoints = { arm() {}, disarm() {}, reach() {} }
