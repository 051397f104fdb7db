import type { LoadSummary } from './report.js'
import type { ClientAttempt } from './types.js'

/** HTTP status of a definite card decline: the system answered correctly, so it counts as available. */
const CARD_DECLINED_STATUS = 402

/**
 * Counts checkout journeys and the achieved arrival rate over `loadDurationMs`. `dropped` (arrivals
 * the driver never started) is shown beside them, never among them: a dropped arrival is no checkout.
 * @example summarizeLoad(attempts, 10, 60_000) // { checkoutsAttempted: 600, …, achievedRate: 10 }
 */
export function summarizeLoad(
  attempts: readonly ClientAttempt[],
  targetRate: number,
  loadDurationMs: number,
  dropped?: number,
): LoadSummary {
  const succeeded = attempts.filter((attempt) => attempt.outcome.type === 'ok').length
  const achievedRate = loadDurationMs > 0 ? round(attempts.length / (loadDurationMs / 1000)) : 0
  return {
    checkoutsAttempted: attempts.length,
    checkoutsSucceeded: succeeded,
    checkoutsFailed: attempts.length - succeeded,
    ...(dropped === undefined ? {} : { dropped }),
    targetRate,
    achievedRate,
  }
}

/**
 * (ok + card declines) / attempted, 0–1; `undefined` when nothing was attempted.
 * Indeterminate outcomes (`info`) and other refusals count as unavailable.
 */
export function availabilityOf(attempts: readonly ClientAttempt[]): number | undefined {
  if (attempts.length === 0) return undefined
  const available = attempts.filter(
    ({ outcome }) =>
      outcome.type === 'ok' || (outcome.type === 'fail' && outcome.status === CARD_DECLINED_STATUS),
  ).length
  return round(available / attempts.length)
}

/** Ratios and rates are kept to 6 decimals so the report is stable and the judged figure is the shown one. */
export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6
}
