import { failureSummary } from './failure-summary.js'
import {
  formatActual,
  formatBrowsing,
  formatMs,
  formatRatio,
  formatSeconds,
  formatTarget,
  orDash,
} from './format.js'
import { CHECK_LABELS, integrityRows, type IntegrityRow } from './integrity-rows.js'
import { OPERATION_HEAD, operationRows, scheduleLine } from './operations-table.js'
import { drainText } from './queue-text.js'
import type { Finding, LatencySummary, Report } from './report.js'

/** Findings shown in full; the rest are counted and left to report.json. */
const MAX_FINDINGS = 50

const STATUS_ICON: Record<IntegrityRow['status'], string> = {
  pass: '✅',
  fail: '❌',
  skipped: '⏭️',
  info: 'ℹ️',
}

/**
 * report.md: the verdict first, then load, SLOs, integrity, phases, faults and findings with
 * their timelines. Every value from the run is escaped for Markdown tables.
 * @example await writeFile('report.md', renderMarkdown(report))
 */
export function renderMarkdown(report: Report): string {
  const failures = failureSummary(report)
  const lines = [
    `# Game day report: ${text(report.scenario)}`,
    '',
    report.verdict === 'pass'
      ? '**Verdict: ✅ PASS** — every SLO and integrity check held.'
      : `**Verdict: ❌ FAIL** — ${failures.length} failed:`,
    ...failures.map((failure) => `- ${text(failure)}`),
    '',
    ...(report.interrupted
      ? [
          `**Interrupted** after ${formatSeconds(report.durationMs)}: the figures cover the part that ran.`,
          '',
        ]
      : []),
    `Seed ${report.seed} · started ${text(report.startedAt)} · duration ${formatSeconds(report.durationMs)}` +
      ` · safeguards: ${safeguards(report)}`,
    '',
    ...loadSection(report),
    ...browsingSection(report),
    ...operationsSection(report),
    ...sloSection(report),
    ...integritySection(report),
    ...phaseSection(report),
    ...faultSection(report),
    ...queueSection(report),
    ...findingSection(report.findings),
  ]
  return `${lines.join('\n')}\n`
}

function loadSection(report: Report): string[] {
  const { load } = report
  return [
    '## Load',
    '',
    '| attempted | succeeded | failed | target rate | achieved rate | p50 | p90 | p95 | p99 | max |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${load.checkoutsAttempted} | ${load.checkoutsSucceeded} | ${load.checkoutsFailed} | ${load.targetRate}/s | ` +
      `${load.achievedRate}/s | ${latencyCells(report.latencyMs)} |`,
    '',
    // Dropped arrivals were never sent: beside the checkouts, never among their failures.
    ...(load.dropped ? [`${load.dropped} arrivals dropped (not started: too many in flight).`, ''] : []),
    `Latency: ${text(report.latencyMethod)}`,
    '',
  ]
}

/** The driver's figures per HTTP operation and how it kept the schedule; nothing when it recorded none. */
function operationsSection(report: Report): string[] {
  if (!report.operations) return []
  return [
    '## Operations',
    '',
    ...(report.schedule ? [`Schedule: ${scheduleLine(report.schedule)}.`, ''] : []),
    `| ${OPERATION_HEAD.join(' | ')} |`,
    `| --- |${' ---: |'.repeat(OPERATION_HEAD.length - 1)}`,
    ...operationRows(report.operations).map((row) => `| ${row.map(text).join(' | ')} |`),
    '',
  ]
}

/** Browsing beside the checkouts, run and phases; nothing when the run did not browse. */
function browsingSection(report: Report): string[] {
  if (!report.browsing) return []
  return [
    `**Browsing:** ${formatBrowsing(report.browsing)} (catalog reads, not counted as checkouts).`,
    '',
    '| phase | attempted | succeeded | failed | availability | p50 | p95 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.phases.flatMap(({ name, browsing }) => {
      if (!browsing) return []
      const latency = browsing.latency
      const cells = latency
        ? [latency.p50, latency.p95, latency.p99, latency.max].map(formatMs)
        : ['—', '—', '—', '—']
      return [
        `| ${text(name)} | ${browsing.attempted} | ${browsing.succeeded} | ${browsing.failed} | ` +
          `${orDash(browsing.availability, formatRatio)} | ${cells.join(' | ')} |`,
      ]
    }),
    '',
  ]
}

function sloSection(report: Report): string[] {
  if (report.slos.length === 0) return ['## SLOs', '', 'No SLOs were set.', '']
  const judged = report.slosJudged !== false
  return [
    '## SLOs',
    '',
    ...(judged ? [] : ['Not judged (`--no-slos`): measured and listed here, left out of the verdict.', '']),
    '| | SLO | metric | phase | actual | target |',
    '| --- | --- | --- | --- | ---: | ---: |',
    ...report.slos.map(
      (slo) =>
        `| ${judged ? (slo.pass ? '✅' : '❌') : slo.pass ? 'met' : 'missed'} | ${text(slo.name)} | ${slo.metric} | ${text(slo.phase ?? 'whole run')} | ` +
        `${text(formatActual(slo))} | ${formatTarget(slo)} |`,
    ),
    '',
  ]
}

function integritySection(report: Report): string[] {
  return [
    `## Integrity: ${report.integrity.pass ? '✅ pass' : '❌ fail'}`,
    '',
    '| | check | result |',
    '| --- | --- | --- |',
    ...integrityRows(report).map(
      (row) => `| ${STATUS_ICON[row.status]} | ${row.label} | ${text(row.summary)} |`,
    ),
    '',
  ]
}

function phaseSection(report: Report): string[] {
  if (report.phases.length === 0) return []
  return [
    '## Phases',
    '',
    '| phase | from | to | faults | attempted | succeeded | availability | p50 | p90 | p95 | p99 | max |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.phases.map(
      (phase) =>
        `| ${text(phase.name)} | ${formatSeconds(phase.startMs)} | ${formatSeconds(phase.endMs)} | ` +
        `${text(phase.faults.map((fault) => `${fault.kind} on ${fault.target}`).join(', ') || 'none')} | ` +
        `${phase.load.checkoutsAttempted} | ${phase.load.checkoutsSucceeded} | ` +
        `${orDash(phase.availability, formatRatio)} | ${latencyCells(phase.latencyMs)} |`,
    ),
    '',
  ]
}

function faultSection(report: Report): string[] {
  if (report.faultsInjected.length === 0) return ['## Faults injected', '', 'None.', '']
  return [
    '## Faults injected',
    '',
    '| target | kind | params | from | to |',
    '| --- | --- | --- | ---: | ---: |',
    ...report.faultsInjected.map(
      (fault) =>
        `| ${text(fault.target)} | ${text(fault.kind)} | ${text(JSON.stringify(fault.params))} | ` +
        `${formatSeconds(fault.fromMs)} | ${formatSeconds(fault.toMs)} |`,
    ),
    '',
  ]
}

/** The message backlog: its peak, where it ended, and its drain after each fault on the broker link. */
function queueSection(report: Report): string[] {
  const q = report.queue
  if (!q) return []
  return [
    '## Queue',
    '',
    `Max backlog **${q.maxBacklog}** at ${formatSeconds(q.maxBacklogAtMs)} · ${q.backlogAtEnd} at the end · ` +
      `${q.consumed} consumed`,
    '',
    ...(q.drains.length === 0
      ? ['No fault hit the broker link.']
      : [
          '| fault | phase | healed at | drained |',
          '| --- | --- | ---: | --- |',
          ...q.drains.map(
            (d) =>
              `| ${text(`${d.kind} on ${d.target}`)} | ${text(d.phase ?? '—')} | ${formatSeconds(d.healedAtMs)} | ` +
              `${text(drainText(d))} |`,
          ),
        ]),
    '',
  ]
}

function findingSection(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ['## Findings', '', 'None.', '']
  const shown = findings.slice(0, MAX_FINDINGS)
  const lines = [`## Findings (${findings.length})`, '']
  shown.forEach((finding, index) => {
    const about = [
      finding.orderId === undefined ? '' : `order ${finding.orderId}`,
      finding.idempotencyKey === undefined ? '' : `key ${finding.idempotencyKey}`,
    ].filter(Boolean)
    lines.push(
      `### ${index + 1}. ${CHECK_LABELS[finding.check]}${about.length ? ` — ${text(about.join(', '))}` : ''}`,
    )
    lines.push('', text(finding.detail), '')
    if (finding.timeline.length > 0) {
      lines.push('| at | source | event |', '| ---: | --- | --- |')
      for (const event of finding.timeline) {
        lines.push(`| ${formatMs(event.atMs)} | ${event.source} | ${text(event.event)} |`)
      }
      lines.push('')
    }
  })
  if (findings.length > shown.length)
    lines.push(`…and ${findings.length - shown.length} more in report.json.`, '')
  return lines
}

function latencyCells(latency: LatencySummary | undefined): string {
  if (latency === undefined) return '— | — | — | — | —'
  return [latency.p50, latency.p90, latency.p95, latency.p99, latency.max].map(formatMs).join(' | ')
}

function safeguards(report: Report): string {
  const entries = Object.entries(report.safeguards)
  if (entries.length === 0) return 'none listed'
  return entries.map(([name, on]) => `${text(name)} ${on ? 'on' : '**off**'}`).join(', ')
}

/** Escapes text from the run so it cannot inject Markdown or HTML. */
function text(value: string): string {
  return value.replace(/[\\`*[\]<>|#]|(?<!\w)_|_(?!\w)/g, (char) => `\\${char}`).replace(/[\r\n]+/g, ' ')
}
