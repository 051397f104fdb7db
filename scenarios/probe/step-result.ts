import type { Report } from '../../reports/report.js'
import type { StepResult } from './probe-types.js'

/**
 * A step's figures from its game day's report. `passed` is the SLOs alone: a step whose integrity
 * checks failed (a duplicate charge, a lost order) still passes the probe's test, with
 * `integrityPassed: false` beside it — the probe measures capacity, the game day's own report
 * holds the defect.
 * @example stepResult(20, result.report, 'reports/out/…/step-01-20')
 */
export function stepResult(rate: number, report: Report, reportDir?: string): StepResult {
  const slos = report.slos.map((slo) => ({
    name: slo.name,
    metric: slo.metric,
    ...(slo.actual !== undefined ? { actual: slo.actual } : {}),
    threshold: slo.threshold,
    comparator: slo.comparator,
    unit: slo.unit,
    passed: slo.pass,
    ...(slo.phase !== undefined ? { phase: slo.phase } : {}),
  }))
  const availability = overallAvailability(report)
  return {
    rate,
    passed: !report.interrupted && slos.every((slo) => slo.passed),
    slos,
    achievedRate: report.load.achievedRate,
    ...(report.latencyMs ? { latencyP99: report.latencyMs.p99 } : {}),
    ...(availability !== undefined ? { availability } : {}),
    integrityPassed: report.integrity.pass,
    ...(report.interrupted ? { interrupted: true as const } : {}),
    ...(reportDir !== undefined ? { reportDir } : {}),
  }
}

/** The run's availability: its phases' availabilities weighted by the checkouts each attempted. */
function overallAvailability(report: Report): number | undefined {
  let attempted = 0
  let available = 0
  for (const phase of report.phases) {
    if (phase.availability === undefined) continue
    attempted += phase.load.checkoutsAttempted
    available += phase.availability * phase.load.checkoutsAttempted
  }
  return attempted > 0 ? available / attempted : undefined
}
