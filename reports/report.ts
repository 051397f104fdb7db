/**
 * The report.json contract (schemaVersion 1), as `analyze()` produces it and every renderer reads it.
 * Every figure is a number; times since the run started are ms; ratios are 0–1; latencies are ms.
 * A figure that could not be computed is absent — never 0, never a placeholder.
 */
import type { Comparator, FaultRecord, SloMetric } from './types.js'

/** Latency percentiles of checkouts in ms (at most 2 decimals); `max` is exact. */
export interface LatencySummary {
  p50: number
  p90: number
  p95: number
  p99: number
  max: number
}

/** Checkout volume over the run or one phase. */
export interface LoadSummary {
  checkoutsAttempted: number
  /** Attempts whose outcome was `ok`. */
  checkoutsSucceeded: number
  /** Every other attempt: definite failures (`fail`, card declines included) and indeterminate (`info`). */
  checkoutsFailed: number
  /** Target arrival rate, checkouts per second. */
  targetRate: number
  /** Attempts per second of load time. */
  achievedRate: number
}

/** One phase as it was played and measured. */
export interface PhaseReport {
  name: string
  startMs: number
  endMs: number
  faults: FaultRecord[]
  load: LoadSummary
  /** Absent when nothing was attempted in the phase. */
  latencyMs?: LatencySummary
  /** (ok + card declines) / attempted, 0–1. Absent when nothing was attempted in the phase. */
  availability?: number
}

/** One SLO, judged. */
export interface SloResult {
  name: string
  metric: SloMetric
  comparator: Comparator
  threshold: number
  unit: 'ms' | 'ratio'
  /** The measured value; absent when it could not be computed (then `pass` is false and `reason` says why). */
  actual?: number
  pass: boolean
  /** The phase it was judged over; absent = the whole run. */
  phase?: string
  /** Why `actual` is absent. */
  reason?: string
}

/** Per-currency money balance: captured − refunded should equal the paid orders' totals. */
export interface CurrencyBalance {
  /** Σ captured, minor units. */
  captured: number
  /** Σ refunded, minor units. */
  refunded: number
  /** Σ totals of orders with status `paid`, minor units. */
  paidOrders: number
  balanced: boolean
}

/** The integrity checks a report can carry; the names of `Integrity`'s count fields. */
export type IntegrityCheck =
  | 'duplicateCharges'
  | 'lostOrders'
  | 'chargesWithoutOrder'
  | 'paidWithoutCapture'
  | 'amountMismatches'
  | 'refundsExceedingCaptures'
  | 'oversell'
  | 'moneyConservation'
  | 'stateMismatches'
  | 'lostEvents'
  | 'webhooksProcessedTwice'
  | 'unresolved'
  | 'recovered'

/** A check that could not run, and why. */
export interface SkippedCheck {
  check: IntegrityCheck
  reason: string
}

/**
 * Results of the integrity checks. A count is present only where its check ran; a check that
 * could not run is listed in `skipped`. `recovered` is informational and never fails.
 */
export interface Integrity {
  duplicateCharges?: number
  lostOrders?: number
  chargesWithoutOrder?: number
  paidWithoutCapture?: number
  amountMismatches?: number
  refundsExceedingCaptures?: number
  oversell?: number
  /** Keyed by lower-case ISO 4217 currency code. */
  moneyConservation?: Record<string, CurrencyBalance>
  stateMismatches?: number
  lostEvents?: number
  webhooksProcessedTwice?: number
  unresolved?: number
  recovered?: number
  /** True when no check that ran found a defect (`recovered` excluded, skipped checks do not fail). */
  pass: boolean
  /** Present when at least one check could not run. */
  skipped?: SkippedCheck[]
}

/** Where a timeline event came from. */
export type TimelineSource = 'client' | 'platform' | 'psp' | 'tax' | 'fraud' | 'fault'

/** One event of a finding's timeline. */
export interface TimelineEvent {
  /** ms since the run started. */
  atMs: number
  source: TimelineSource
  event: string
}

/** One defect an integrity check found, with the evidence that shows why. */
export interface Finding {
  check: IntegrityCheck
  orderId?: string
  idempotencyKey?: string
  detail: string
  timeline: TimelineEvent[]
}

/** The reconciliation job's results (not produced yet: absent until the runner records them). */
export interface Reconciliation {
  ordersChecked: number
  paymentsChecked: number
  repaired: unknown[]
  mismatches: { kind: string; orderId: string; paymentId: string; detail: string }[]
}

/** report.json, schemaVersion 1. */
export interface Report {
  schemaVersion: 1
  scenario: string
  seed: number
  /** ISO-8601. */
  startedAt: string
  durationMs: number
  /**
   * Present (true) when the run was stopped early (Ctrl-C, SIGTERM, closed output): the figures
   * cover the part that ran, and phases that never started are left out.
   */
  interrupted?: true
  verdict: 'pass' | 'fail'
  safeguards: Record<string, boolean>
  load: LoadSummary
  /** Absent when nothing was attempted. */
  latencyMs?: LatencySummary
  /** How latency was measured, in words. */
  latencyMethod: string
  phases: PhaseReport[]
  slos: SloResult[]
  integrity: Integrity
  findings: Finding[]
  reconciliation?: Reconciliation
  faultsInjected: FaultRecord[]
}
