import { formatFigure, formatMs, formatRatio } from '../../reports/format.js'
import type { StepResult, StepSlo } from './probe-types.js'

/**
 * One line per step, for the terminal and a CI log.
 * @example stepLine(step, 3) // 'step 3  13.3/s  p99 412 ms  availability 100%  ✓ all SLOs'
 */
export function stepLine(step: StepResult, index: number): string {
  const figures = [
    `step ${index}`,
    `${step.rate.toFixed(1)}/s`,
    `p99 ${p99Text(step)}`,
    `availability ${availabilityText(step)}`,
  ]
  const verdict = stepVerdict(step, { held: '✓ all SLOs', interrupted: '· interrupted, not counted' })
  const integrity = step.integrityPassed ? '' : '  ! integrity checks failed (see the step’s report)'
  return `${figures.join('  ')}  ${verdict}${integrity}`
}

/**
 * A step's verdict: `words.held` when every SLO held, `words.interrupted` when it was stopped
 * early, else `✗` and each SLO that broke against its threshold (probe.md says it as the line does).
 */
export function stepVerdict(step: StepResult, words: { held: string; interrupted: string }): string {
  if (step.interrupted) return words.interrupted
  if (step.passed) return words.held
  return `✗ ${step.slos
    .filter((slo) => !slo.passed)
    .map(describeMiss)
    .join('; ')}`
}

/** The step's checkout p99 (`412 ms`), or `—` when nothing was attempted. */
export function p99Text(step: StepResult): string {
  return step.latencyP99 !== undefined ? formatMs(Math.round(step.latencyP99)) : '—'
}

/** The step's availability (`99.5%`), or `—` when nothing was attempted. */
export function availabilityText(step: StepResult): string {
  return step.availability !== undefined ? formatRatio(step.availability) : '—'
}

/** `p99 under 500 ms: 612 ms > 500 ms`: the SLO that broke, its actual against its threshold. */
function describeMiss(slo: StepSlo): string {
  const scope = slo.phase !== undefined ? ` (${slo.phase})` : ''
  const broken = slo.comparator === '<=' ? '>' : '<'
  const actual = slo.actual !== undefined ? formatFigure(slo.actual, slo.unit) : 'not measured'
  return `${slo.name}${scope}: ${actual} ${slo.actual !== undefined ? broken : 'vs'} ${formatFigure(slo.threshold, slo.unit)}`
}
