import type { SloResult } from '../../reports/report.js'

/** One SLO of one step, as probe.json lists it. */
export interface StepSlo {
  name: string
  metric: SloResult['metric']
  /** The measured value; absent when it could not be computed (then `passed` is false). */
  actual?: number
  threshold: number
  comparator: SloResult['comparator']
  unit: SloResult['unit']
  passed: boolean
  /** The phase it was judged over; absent = the whole step. */
  phase?: string
}

/** What one step (one short game day at one offered rate) measured. */
export interface StepResult {
  /** Offered arrival rate, journeys per second. */
  rate: number
  /** Every SLO held. The probe's figure is about SLOs alone: integrity is recorded apart. */
  passed: boolean
  slos: StepSlo[]
  /** Attempts per second of load time. */
  achievedRate: number
  /** Checkout latency p99 over the step, ms; absent when nothing was attempted. */
  latencyP99?: number
  /** Acknowledged checkouts / attempted over the step, 0–1; absent when nothing was attempted. */
  availability?: number
  /** Every integrity check held (no duplicate charge, lost order…). */
  integrityPassed: boolean
  /** Present (true) when the step was stopped early: its figures do not count. */
  interrupted?: true
  /** Where the step's own reports went. */
  reportDir?: string
}

/**
 * Why the probe stopped:
 * - `slo-failed`: a step above a passing one broke an SLO — the figure is the last passing rate;
 * - `max-steps` / `max-rate`: the budget ran out while every SLO still held — the figure is a floor;
 * - `min-rate`: stepping down from a failing start reached the lowest rate (0.1/s) without a pass;
 * - `interrupted`: Ctrl-C, SIGTERM, the caller or the output gone.
 */
export type StopReason = 'slo-failed' | 'max-steps' | 'max-rate' | 'min-rate' | 'interrupted'

/** A probe's outcome: every step in the order played, and the figure. */
export interface ProbeOutcome {
  steps: StepResult[]
  /** The highest offered rate at which every SLO held; absent when none did. */
  maxPassingRate?: number
  stopReason: StopReason
}
