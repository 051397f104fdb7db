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
    `p99 ${step.latencyP99 !== undefined ? formatMs(Math.round(step.latencyP99)) : '—'}`,
    `availability ${step.availability !== undefined ? formatRatio(step.availability) : '—'}`,
  ]
  const verdict = step.interrupted
    ? '· interrupted, not counted'
    : step.passed
      ? '✓ all SLOs'
      : `✗ ${step.slos
          .filter((slo) => !slo.passed)
          .map(describeMiss)
          .join('; ')}`
  const integrity = step.integrityPassed ? '' : '  ! integrity checks failed (see the step’s report)'
  return `${figures.join('  ')}  ${verdict}${integrity}`
}

/** `p99 under 500 ms 612 ms > 500 ms`: the SLO that broke, its actual against its threshold. */
export function describeMiss(slo: StepSlo): string {
  const scope = slo.phase !== undefined ? ` (${slo.phase})` : ''
  const broken = slo.comparator === '<=' ? '>' : '<'
  const actual = slo.actual !== undefined ? formatFigure(slo.actual, slo.unit) : 'not measured'
  return `${slo.name}${scope}: ${actual} ${slo.actual !== undefined ? broken : 'vs'} ${formatFigure(slo.threshold, slo.unit)}`
}
