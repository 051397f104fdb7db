import { summarizeLatency } from './latency-summary.js'
import { availabilityOf, summarizeLoad } from './load-summary.js'
import type { BrowsingSummary, LatencySummary, LoadSummary } from './report.js'
import type { ClientAttempt, DriverFigures } from './types.js'

/**
 * What was measured over one scope: the whole run or one phase. The driver's figures
 * (`operations`, `journeys`, `schedule`) are absent when the record has none.
 */
export interface ScopeMetrics extends Partial<DriverFigures> {
  load: LoadSummary
  /** Absent when nothing was attempted. */
  latencyMs?: LatencySummary
  /** Absent when nothing was attempted. */
  availability?: number
  /** Browsing's own KPIs; absent when the run did not browse. */
  browsing?: BrowsingSummary
}

/**
 * Measures the attempts of one scope against its target rate and load time; the driver's figures,
 * when the record has them, are carried beside (their `dropped` arrivals shown with the checkouts).
 * @example measureScope(attemptsOfPhase, 20, 30_000)
 */
export function measureScope(
  attempts: readonly ClientAttempt[],
  targetRate: number,
  loadDurationMs: number,
  driver?: DriverFigures,
): ScopeMetrics {
  const latencyMs = summarizeLatency(attempts.map((attempt) => attempt.latencyMs))
  const availability = availabilityOf(attempts)
  return {
    load: summarizeLoad(attempts, targetRate, loadDurationMs, driver?.schedule.dropped),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(availability === undefined ? {} : { availability }),
    ...(driver === undefined
      ? {}
      : { operations: driver.operations, journeys: driver.journeys, schedule: driver.schedule }),
  }
}
