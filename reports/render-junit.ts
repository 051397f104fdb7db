import { formatActual, formatTarget, scopeOf } from './format.js'
import { integrityRows, type IntegrityRow } from './integrity-rows.js'
import type { Finding, Report, SloResult } from './report.js'
import { escapeXml } from './xml-escape.js'

/** Findings listed in a failing check's body; the rest are in report.json. */
const MAX_FINDINGS_PER_CHECK = 20

interface TestCase {
  name: string
  failure?: string
  /** The failure's body, when it has more to say than its message. */
  details?: string
  skipped?: string
  output?: string
  /** The run could not be judged whole (interrupted). */
  error?: string
}

/**
 * junit.xml: one testsuite per group (`slos`, `integrity`), one testcase per SLO or check;
 * a failing one carries `<failure message=…>`, a check that could not run `<skipped message=…>`.
 * @example await writeFile('junit.xml', renderJunit(report))
 */
export function renderJunit(report: Report): string {
  const prefix = `gameday.${report.scenario}`
  const suites = [
    // An interrupted run is an error for CI (exit 2), not a pass of the part that ran.
    ...(report.interrupted
      ? [
          suite('run', `${prefix}.run`, [
            { name: 'ran to the end', error: `interrupted after ${report.durationMs / 1000} s` },
          ]),
        ]
      : []),
    suite(
      'slos',
      `${prefix}.slos`,
      report.slos.map((slo) => (report.slosJudged === false ? unjudgedSloCase(slo) : sloCase(slo))),
    ),
    suite(
      'integrity',
      `${prefix}.integrity`,
      integrityRows(report).map((row) => checkCase(row, report.findings)),
    ),
  ]
  const count = (pick: (c: TestCase) => unknown) =>
    suites.reduce((n, s) => n + s.cases.filter(pick).length, 0)
  const total = suites.reduce((n, s) => n + s.cases.length, 0)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(`gameday ${report.scenario}`)}" tests="${total}" ` +
      `failures="${count((c) => c.failure)}" skipped="${count((c) => c.skipped)}" ` +
      `errors="${count((c) => c.error)}" ` +
      `time="${report.durationMs / 1000}" timestamp="${escapeXml(report.startedAt)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n')
}

function sloCase(slo: SloResult): TestCase {
  const name = `${slo.name} (${slo.metric} ${formatTarget(slo)}, ${scopeOf(slo)})`
  const outcome = `${formatActual(slo)}, needs ${formatTarget(slo)} over ${scopeOf(slo)}`
  return slo.pass ? { name, output: outcome } : { name, failure: `${slo.name}: ${outcome}` }
}

/** Under --no-slos an SLO is measured but not judged: a skipped case that says what it measured. */
function unjudgedSloCase(slo: SloResult): TestCase {
  const outcome = `${formatActual(slo)}, target ${formatTarget(slo)} over ${scopeOf(slo)}`
  return {
    name: `${slo.name} (${slo.metric} ${formatTarget(slo)}, ${scopeOf(slo)})`,
    skipped: `not judged (--no-slos): ${outcome}`,
  }
}

function checkCase(row: IntegrityRow, findings: readonly Finding[]): TestCase {
  switch (row.status) {
    case 'pass':
    case 'info':
      return { name: row.label, output: row.summary }
    case 'fail':
      return {
        name: row.label,
        failure: `${row.label}: ${row.summary}`,
        details: findingLines(row, findings),
      }
    case 'skipped':
      return { name: row.label, skipped: row.summary }
    default: {
      const unknown: never = row.status
      return { name: row.label, skipped: String(unknown) }
    }
  }
}

function suite(name: string, classname: string, cases: TestCase[]): { cases: TestCase[]; xml: string } {
  const failures = cases.filter((c) => c.failure !== undefined).length
  const skipped = cases.filter((c) => c.skipped !== undefined).length
  const errors = cases.filter((c) => c.error !== undefined).length
  const lines = [
    `  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="${errors}">`,
    ...cases.map((c) => testcase(classname, c)),
    '  </testsuite>',
  ]
  return { cases, xml: lines.join('\n') }
}

function testcase(classname: string, c: TestCase): string {
  const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(c.name)}" time="0"`
  if (c.failure !== undefined) {
    const message = escapeXml(c.failure)
    const body = escapeXml(c.details ?? c.failure)
    return `${open}>\n      <failure message="${message}" type="failed">${body}</failure>\n    </testcase>`
  }
  if (c.error !== undefined)
    return `${open}>\n      <error message="${escapeXml(c.error)}" type="interrupted"/>\n    </testcase>`
  if (c.skipped !== undefined)
    return `${open}>\n      <skipped message="${escapeXml(c.skipped)}"/>\n    </testcase>`
  if (c.output !== undefined)
    return `${open}>\n      <system-out>${escapeXml(c.output)}</system-out>\n    </testcase>`
  return `${open}/>`
}

function findingLines(row: IntegrityRow, findings: readonly Finding[]): string {
  const own = findings.filter((finding) => finding.check === row.check)
  const lines = own.slice(0, MAX_FINDINGS_PER_CHECK).map((finding) => `- ${finding.detail}`)
  if (own.length > MAX_FINDINGS_PER_CHECK)
    lines.push(`…and ${own.length - MAX_FINDINGS_PER_CHECK} more in report.json`)
  return [`${row.label}: ${row.summary}`, ...lines].join('\n')
}
