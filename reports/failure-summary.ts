import { formatActual, formatTarget, scopeOf } from './format.js'
import { integrityRows } from './integrity-rows.js'
import type { Report } from './report.js'

/**
 * One line per thing that failed the verdict: each failing SLO (with its phase) and each
 * failing integrity check (a missed SLO that was not judged is no failure). Empty when the verdict is pass.
 * @example failureSummary(report) // ['SLO "checkout p99" in phase "outage": 812 ms, needs ≤ 500 ms']
 */
export function failureSummary(report: Pick<Report, 'slos' | 'slosJudged' | 'integrity'>): string[] {
  const slos = report.slos
    .filter((slo) => !slo.pass && report.slosJudged !== false)
    .map((slo) => `SLO "${slo.name}" in ${scopeOf(slo)}: ${formatActual(slo)}, needs ${formatTarget(slo)}`)
  const checks = integrityRows(report)
    .filter((row) => row.status === 'fail')
    .map((row) => `integrity check ${row.label}: ${row.summary}`)
  return [...slos, ...checks]
}
