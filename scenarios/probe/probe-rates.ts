import { maxPassingRate, planNextStep, type ProbeLimits } from './plan-step.js'
import type { ProbeOutcome, StepResult } from './probe-types.js'

/** Plays one step: a whole short game day at `rate`, judged. `index` counts from 1. */
export type StepRunner = (rate: number, index: number) => Promise<StepResult>

export interface ProbeOptions extends ProbeLimits {
  /** The first rate offered, journeys/s (rounded to 0.1/s by the caller). */
  start: number
  runStep: StepRunner
  /** Aborted: no further step starts (the one under way is the runner's to end cleanly). */
  signal?: AbortSignal
  /** Called after each step, for a live line. */
  onStep?: (step: StepResult, index: number) => void
}

/**
 * Finds the highest offered rate at which every SLO holds, one step at a time (plan-step.ts says
 * which rate comes next and when to stop). Steps run one after the other: each is a game day of
 * its own, and two at once would measure each other.
 * @example await probeRates({ start: 20, maxSteps: 20, runStep: (rate) => playStep(rate) })
 */
export async function probeRates(options: ProbeOptions): Promise<ProbeOutcome> {
  const steps: StepResult[] = []
  for (;;) {
    const next = planNextStep(steps, options.start, options)
    if (next.kind === 'stop') return outcome(steps, next.reason)
    if (options.signal?.aborted) return outcome(steps, 'interrupted')
    const step = await options.runStep(next.rate, steps.length + 1)
    steps.push(step)
    options.onStep?.(step, steps.length)
  }
}

function outcome(steps: StepResult[], stopReason: ProbeOutcome['stopReason']): ProbeOutcome {
  const figure = maxPassingRate(steps)
  return { steps, stopReason, ...(figure !== undefined ? { maxPassingRate: figure } : {}) }
}
