import { join } from 'node:path'
import type { Scenario } from '../format/scenario.js'
import type { RunOptions } from '../run/run-game-day.js'
import type { StepRunner } from './probe-rates.js'
import { stepResult } from './step-result.js'

export interface GameDayStepsOptions {
  scenario: Scenario
  seed: number
  /** Each step's length, ms: the scenario's phases shrink or stretch to it in proportion. */
  stepDurationMs: number
  /** The probe's folder: each step's reports go into `step-NN-<rate>/` under it. */
  outDir: string
  /** The rest of what a game day takes, the same for every step. */
  run: Pick<RunOptions, 'db' | 'safeguards' | 'toxiproxyUrl' | 'natsUrl' | 'cacheDir' | 'onEvent' | 'signal'>
}

/** `step-03-13.3`: the folder of step 3, offered at 13.3/s. */
export function stepDirName(index: number, rate: number): string {
  return `step-${String(index).padStart(2, '0')}-${rate.toFixed(1)}`
}

/**
 * The probe's real step: one whole short game day at `rate`, its SLOs judged (per phase where the
 * scenario says so, faults and all), the same seed every step so only the rate differs.
 * @example probeRates({ start: 20, maxSteps: 20, runStep: gameDaySteps({ scenario, seed: 1, … }) })
 */
export function gameDaySteps(options: GameDayStepsOptions): StepRunner {
  return async (rate, index) => {
    const [{ resolveScenario }, { runGameDay }] = await Promise.all([
      import('../format/resolve-scenario.js'),
      import('../run/run-game-day.js'),
    ])
    const plan = resolveScenario(options.scenario, {
      rate,
      durationMs: options.stepDurationMs,
      seed: options.seed,
    })
    const reportDir = join(options.outDir, stepDirName(index, rate))
    const result = await runGameDay({ ...options.run, plan, outDir: reportDir, judgeSlos: true })
    return stepResult(rate, result.report, reportDir)
  }
}
