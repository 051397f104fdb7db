import type { StepResult, StopReason } from './probe-types.js'

/** How far a probe may go. */
export interface ProbeLimits {
  /** Steps in all, up or down. */
  maxSteps: number
  /** The highest rate to offer, journeys/s; absent = no ceiling but `maxSteps`. */
  maxRate?: number
}

/** The next thing a probe does: play a step at a rate, or stop. */
export type NextStep = { kind: 'run'; rate: number } | { kind: 'stop'; reason: StopReason }

/** Each step offers 10% more than the last (10% less when stepping down from a failing start). */
export const STEP_FACTOR = 1.1

/** The lowest rate a probe offers, journeys/s: rates are rounded to this. */
export const MIN_RATE = 0.1

/** A rate rounded to 0.1/s, the precision the probe reports. */
export function roundRate(rate: number): number {
  return Math.round(rate * 10) / 10
}

/** 10% up, rounded to 0.1/s, and never the same rate again (1.1 × 0.5 rounds to 0.6, not 0.5). */
export function rateAbove(rate: number): number {
  return Math.max(roundRate(rate * STEP_FACTOR), roundRate(rate + MIN_RATE))
}

/** 10% down, rounded to 0.1/s; undefined below the lowest rate. */
export function rateBelow(rate: number): number | undefined {
  const next = Math.min(roundRate(rate / STEP_FACTOR), roundRate(rate - MIN_RATE))
  return next >= MIN_RATE ? next : undefined
}

/**
 * The probe's step planner, a pure function of the steps played so far. Climbs from `start` while
 * every SLO holds and stops at the first step that breaks one; when the very first step fails, it
 * steps down instead until one passes, so the answer is still a figure. Bounded by `maxSteps`
 * (up and down together) and `maxRate` (the last step up is cut to it).
 * @example planNextStep([{ rate: 20, passed: true, … }], 20, { maxSteps: 20 }) // { kind: 'run', rate: 22 }
 */
export function planNextStep(steps: readonly StepResult[], start: number, limits: ProbeLimits): NextStep {
  const first = steps[0]
  const last = steps.at(-1)
  if (first === undefined || last === undefined) return { kind: 'run', rate: start }
  if (last.interrupted) return { kind: 'stop', reason: 'interrupted' }
  const climbing = first.passed
  // Climbing, a failure ends it; stepping down, a pass does: either way the figure is found.
  if (climbing !== last.passed) return { kind: 'stop', reason: 'slo-failed' }
  if (steps.length >= limits.maxSteps) return { kind: 'stop', reason: 'max-steps' }
  if (climbing) {
    if (limits.maxRate !== undefined && last.rate >= limits.maxRate)
      return { kind: 'stop', reason: 'max-rate' }
    const next = rateAbove(last.rate)
    return { kind: 'run', rate: limits.maxRate !== undefined ? Math.min(next, limits.maxRate) : next }
  }
  const next = rateBelow(last.rate)
  return next === undefined ? { kind: 'stop', reason: 'min-rate' } : { kind: 'run', rate: next }
}

/** The highest rate of a step that ran to its end with every SLO held; undefined when none did. */
export function maxPassingRate(steps: readonly StepResult[]): number | undefined {
  const passing = steps.filter((step) => step.passed && !step.interrupted).map((step) => step.rate)
  return passing.length > 0 ? Math.max(...passing) : undefined
}
