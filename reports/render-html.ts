import { failureSummary } from './failure-summary.js'
import { formatActual, formatMs, formatRatio, formatSeconds, formatTarget, orDash } from './format.js'
import { CHECK_LABELS, integrityRows } from './integrity-rows.js'
import { OPERATION_HEAD, operationRows, scheduleLine } from './operations-table.js'
import { availabilityChartSvg, latencyChartSvg } from './phase-chart-svg.js'
import type { LatencySummary, Report } from './report.js'
import { timeseriesChartSvg } from './timeseries-chart-svg.js'
import { escapeXml as esc } from './xml-escape.js'

/** Findings shown in full; the rest are counted and left to report.json. */
const MAX_FINDINGS = 100

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;max-width:64rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
td.n{text-align:right}.pass{color:#1a7f37}.fail{color:#cf222e}.skipped,.info{color:#6e7781}
.verdict{font-size:1.4rem;font-weight:bold}details{margin:.5rem 0}code{font-size:.9em}`

/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no external assets):
 * summary, per-operation figures with a per-second chart of arrivals and checkout p99 (when the
 * run recorded them), SLOs, integrity, per-phase latency and availability charts, phases, faults, findings.
 * Every value from the run is HTML-escaped.
 * @example await writeFile('report.html', renderHtml(report))
 */
export function renderHtml(report: Report): string {
  const title = `Game day report: ${report.scenario}`
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(title)}</h1>
${report.interrupted ? `<p><strong>Interrupted</strong> after ${esc(String(report.durationMs / 1000))} s: the figures cover the part that ran.</p>` : ''}
${summary(report)}
${operationsSection(report)}
${sloTable(report)}
${integrityTable(report)}
<h2>Phases</h2>
<figure>${latencyChartSvg(report.phases)}</figure>
<figure>${availabilityChartSvg(report.phases)}</figure>
${phaseTable(report)}
${faultTable(report)}
${findingList(report)}
</body></html>
`
}

function summary(report: Report): string {
  const pass = report.verdict === 'pass'
  const failures = failureSummary(report)
  const safeguards = Object.entries(report.safeguards)
    .map(([name, on]) => `${esc(name)} ${on ? 'on' : '<strong>off</strong>'}`)
    .join(', ')
  const { load } = report
  return `<p class="verdict ${pass ? 'pass' : 'fail'}">Verdict: ${pass ? '✅ PASS' : '❌ FAIL'}</p>
${failures.length > 0 ? `<ul>${failures.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : ''}
<p>Seed ${report.seed} · started ${esc(report.startedAt)} · duration ${formatSeconds(report.durationMs)} · safeguards: ${safeguards || 'none listed'}</p>
<table><tr><th>attempted</th><th>succeeded</th><th>failed</th><th>target rate</th><th>achieved rate</th>${latencyHead()}</tr>
<tr><td class="n">${load.checkoutsAttempted}</td><td class="n">${load.checkoutsSucceeded}</td><td class="n">${load.checkoutsFailed}</td>
<td class="n">${load.targetRate}/s</td><td class="n">${load.achievedRate}/s</td>${latencyCells(report.latencyMs)}</tr></table>
${load.dropped ? `<p>${load.dropped} arrivals dropped (not started: too many in flight); not checkouts.</p>` : ''}
<p><small>Latency: ${esc(report.latencyMethod)}</small></p>`
}

/** The driver's per-operation table, its schedule and the per-second chart; '' when it recorded none. */
function operationsSection(report: Report): string {
  if (!report.operations) return ''
  const head = OPERATION_HEAD.map((name) => `<th>${name}</th>`).join('')
  const rows = operationRows(report.operations).map(
    ([name, ...cells]) =>
      `<tr><td>${esc(name ?? '')}</td>${cells.map((cell) => `<td class="n">${esc(cell)}</td>`).join('')}</tr>`,
  )
  const chart =
    report.timeseries && report.timeseries.length > 0
      ? `<figure>${timeseriesChartSvg(report.timeseries)}</figure>`
      : ''
  const schedule = report.schedule ? `<p>Schedule: ${esc(scheduleLine(report.schedule))}</p>` : ''
  return `<h2>Operations</h2>${schedule}${chart}<table><tr>${head}</tr>
${rows.join('\n')}</table>`
}

function sloTable(report: Report): string {
  if (report.slos.length === 0) return '<h2>SLOs</h2><p>No SLOs were set.</p>'
  const judged = report.slosJudged !== false
  const mark = (pass: boolean) => (judged ? (pass ? '✅ pass' : '❌ fail') : pass ? 'met' : 'missed')
  const rows = report.slos.map(
    (slo) =>
      `<tr class="${judged ? (slo.pass ? 'pass' : 'fail') : 'info'}"><td>${mark(slo.pass)}</td><td>${esc(slo.name)}</td>` +
      `<td><code>${esc(slo.metric)}</code></td><td>${esc(slo.phase ?? 'whole run')}</td>` +
      `<td class="n">${esc(formatActual(slo))}</td><td class="n">${esc(formatTarget(slo))}</td></tr>`,
  )
  const note = judged
    ? ''
    : '<p>Not judged (<code>--no-slos</code>): measured and listed here, left out of the verdict.</p>'
  return `<h2>SLOs</h2>${note}<table><tr><th></th><th>SLO</th><th>metric</th><th>phase</th><th>actual</th><th>target</th></tr>
${rows.join('\n')}</table>`
}

function integrityTable(report: Report): string {
  const icon = { pass: '✅', fail: '❌', skipped: '⏭️', info: 'ℹ️' } as const
  const rows = integrityRows(report).map(
    (row) =>
      `<tr class="${row.status}"><td>${icon[row.status]} ${row.status}</td><td>${esc(row.label)}</td><td>${esc(row.summary)}</td></tr>`,
  )
  const pass = report.integrity.pass
  return `<h2>Integrity: <span class="${pass ? 'pass' : 'fail'}">${pass ? 'pass' : 'fail'}</span></h2>
<table><tr><th></th><th>check</th><th>result</th></tr>
${rows.join('\n')}</table>`
}

function phaseTable(report: Report): string {
  if (report.phases.length === 0) return '<p>No phases were played.</p>'
  const rows = report.phases.map(
    (phase) =>
      `<tr><td>${esc(phase.name)}</td><td class="n">${formatSeconds(phase.startMs)}</td><td class="n">${formatSeconds(phase.endMs)}</td>` +
      `<td>${esc(phase.faults.map((f) => `${f.kind} on ${f.target}`).join(', ') || 'none')}</td>` +
      `<td class="n">${phase.load.checkoutsAttempted}</td><td class="n">${phase.load.checkoutsSucceeded}</td>` +
      `<td class="n">${orDash(phase.availability, formatRatio)}</td>${latencyCells(phase.latencyMs)}</tr>`,
  )
  return `<table><tr><th>phase</th><th>from</th><th>to</th><th>faults</th><th>attempted</th><th>succeeded</th><th>availability</th>${latencyHead()}</tr>
${rows.join('\n')}</table>`
}

function faultTable(report: Report): string {
  if (report.faultsInjected.length === 0) return '<h2>Faults injected</h2><p>None.</p>'
  const rows = report.faultsInjected.map(
    (f) =>
      `<tr><td>${esc(f.target)}</td><td>${esc(f.kind)}</td><td><code>${esc(JSON.stringify(f.params))}</code></td>` +
      `<td class="n">${formatSeconds(f.fromMs)}</td><td class="n">${formatSeconds(f.toMs)}</td></tr>`,
  )
  return `<h2>Faults injected</h2><table><tr><th>target</th><th>kind</th><th>params</th><th>from</th><th>to</th></tr>
${rows.join('\n')}</table>`
}

function findingList(report: Report): string {
  const { findings } = report
  if (findings.length === 0) return '<h2>Findings</h2><p>None.</p>'
  const items = findings.slice(0, MAX_FINDINGS).map((finding) => {
    const about = [
      finding.orderId && `order ${finding.orderId}`,
      finding.idempotencyKey && `key ${finding.idempotencyKey}`,
    ]
      .filter(Boolean)
      .join(', ')
    const events = finding.timeline
      .map(
        (e) =>
          `<tr><td class="n">${esc(formatMs(e.atMs))}</td><td>${e.source}</td><td>${esc(e.event)}</td></tr>`,
      )
      .join('')
    return `<details><summary><strong>${esc(CHECK_LABELS[finding.check])}</strong>${about ? ` — ${esc(about)}` : ''}: ${esc(finding.detail)}</summary>
${events ? `<table><tr><th>at</th><th>source</th><th>event</th></tr>${events}</table>` : ''}</details>`
  })
  const more = findings.length - MAX_FINDINGS
  return `<h2>Findings (${findings.length})</h2>
${items.join('\n')}${more > 0 ? `<p>…and ${more} more in report.json.</p>` : ''}`
}

function latencyHead(): string {
  return ['p50', 'p90', 'p95', 'p99', 'max'].map((p) => `<th>${p}</th>`).join('')
}

function latencyCells(latency: LatencySummary | undefined): string {
  const values =
    latency === undefined ? [] : [latency.p50, latency.p90, latency.p95, latency.p99, latency.max]
  return (latency === undefined ? ['—', '—', '—', '—', '—'] : values.map(formatMs))
    .map((value) => `<td class="n">${value}</td>`)
    .join('')
}
