import type { ProbeOutcome, StepResult, StopReason } from './probe-types.js'

/** probe.json: what was probed, every step, and the figure. */
export interface ProbeDocument {
  scenario: string
  seed: number
  stepDurationMs: number
  steps: StepResult[]
  /** The highest offered rate, journeys/s, at which every SLO held; absent when none did. */
  maxPassingRate?: number
  stopReason: StopReason
  /** In words: what the figure means and what it does not. */
  note: string
}

/** Says what the figure is: SLOs only, and a floor rather than a limit when the budget ran out. */
export function probeNote(outcome: ProbeOutcome): string {
  const slosOnly =
    'The figure is about SLOs: integrity checks are recorded per step (integrityPassed) but do not move it.'
  const reasons: Record<StopReason, string> = {
    'slo-failed': 'The probe stopped at the first rate that broke an SLO.',
    'max-steps': 'Every SLO still held when --max-steps ran out: the figure is a floor, not the limit.',
    'max-rate': 'Every SLO still held at --max-rate: the figure is a floor, not the limit.',
    'min-rate': 'Stepping down from a failing start reached 0.1/s without a rate that held every SLO.',
    interrupted: 'The probe was interrupted: the figure covers the steps that ran to their end.',
  }
  return `${reasons[outcome.stopReason]} ${slosOnly}`
}

/**
 * probe.json's content.
 * @example probeDocument(outcome, { scenario: 'baseline', seed: 1, stepDurationMs: 10_000 })
 */
export function probeDocument(
  outcome: ProbeOutcome,
  context: { scenario: string; seed: number; stepDurationMs: number },
): ProbeDocument {
  return {
    ...context,
    steps: outcome.steps,
    ...(outcome.maxPassingRate !== undefined ? { maxPassingRate: outcome.maxPassingRate } : {}),
    stopReason: outcome.stopReason,
    note: probeNote(outcome),
  }
}

/** The line that gives the answer. */
export function figureLine(outcome: Pick<ProbeOutcome, 'maxPassingRate'>): string {
  return outcome.maxPassingRate !== undefined
    ? `max rate with every SLO held: ${outcome.maxPassingRate.toFixed(1)} journeys/s`
    : 'no rate held every SLO'
}
