import { failureSummary } from './failure-summary.js'
import {
  formatActual,
  formatBrowsing,
  formatFigure,
  formatRatio,
  formatSeconds,
  comparatorSymbol,
  orDash,
  formatMs,
} from './format.js'
import { integrityRows } from './integrity-rows.js'
import { OPERATION_HEAD, operationRows, scheduleLine } from './operations-table.js'
import { drainText } from './queue-text.js'
import type { Report } from './report.js'

/** How the terminal report is drawn. */
export interface RenderTerminalOptions {
  /** Colour PASS/FAIL with ANSI escapes. @default false */
  color?: boolean
}

const ANSI = {
  green: '\u001b[32m',
  red: '\u001b[31m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
}

/**
 * Plain text for a terminal or a CI log: verdict, SLO table (actual vs threshold, PASS/FAIL),
 * integrity summary, per-phase figures and — when the verdict is fail — what failed and where.
 * @example process.stdout.write(renderTerminal(report, { color: process.stdout.isTTY }))
 */
export function renderTerminal(report: Report, options: RenderTerminalOptions = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) =>
    options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text
  const verdict = report.verdict === 'pass' ? paint('green', 'PASS') : paint('red', 'FAIL')
  const status = (pass: boolean) => (pass ? paint('green', 'PASS') : paint('red', 'FAIL'))
  const { load } = report
  const lines = [
    `${paint('bold', `Game day ${clean(report.scenario)}`)} (seed ${report.seed}): ${verdict}` +
      (report.interrupted ? ` (interrupted after ${formatSeconds(report.durationMs)})` : ''),
    `  ${load.checkoutsAttempted} checkouts, ${load.checkoutsSucceeded} succeeded, ${load.checkoutsFailed} failed` +
      (load.dropped === undefined ? '' : ` (${load.dropped} arrivals dropped)`) +
      `; ${load.achievedRate.toFixed(1)}/s of ${load.targetRate.toFixed(1)}/s target over ${formatSeconds(report.durationMs)}`,
    report.latencyMs === undefined
      ? '  latency: no attempts'
      : `  latency p50 ${formatMs(report.latencyMs.p50)}, p95 ${formatMs(report.latencyMs.p95)}, ` +
        `p99 ${formatMs(report.latencyMs.p99)}, max ${formatMs(report.latencyMs.max)}`,
    // Browsing beside the checkouts, never counted among them (present only when the run browsed).
    ...(report.browsing ? [`  Browsing: ${formatBrowsing(report.browsing)}`] : []),
    ...(report.schedule ? [`  schedule: ${scheduleLine(report.schedule)}`] : []),
    ...(report.integrity.clientCausedDuplicates
      ? [
          `  client-caused duplicates: ${report.integrity.clientCausedDuplicates} (the client retried with a fresh ` +
            'Idempotency-Key; not counted against the platform)',
        ]
      : []),
    ...operationLines(report),
    '',
    report.slosJudged === false ? 'SLOs (not judged: --no-slos)' : 'SLOs',
    ...table(
      ['', 'SLO', 'phase', 'actual', 'threshold'],
      report.slos.map((slo) => [
        report.slosJudged === false ? paint('dim', slo.pass ? 'MET' : 'MISSED') : status(slo.pass),
        clean(slo.name),
        clean(slo.phase ?? 'whole run'),
        clean(formatActual(slo)),
        `${comparatorSymbol(slo.comparator)} ${formatFigure(slo.threshold, slo.unit)}`,
      ]),
    ),
    '',
    `Integrity: ${status(report.integrity.pass)}`,
    ...table(
      ['', 'check', 'result'],
      integrityRows(report).map((row) => [
        row.status === 'pass' || row.status === 'fail'
          ? status(row.status === 'pass')
          : paint('dim', row.status.toUpperCase()),
        row.label,
        clean(row.summary),
      ]),
    ),
    '',
    'Phases',
    ...table(
      ['phase', 'attempted', 'succeeded', 'availability', 'p99', 'faults'],
      report.phases.map((phase) => [
        clean(phase.name),
        String(phase.load.checkoutsAttempted),
        String(phase.load.checkoutsSucceeded),
        orDash(phase.availability, formatRatio),
        orDash(phase.latencyMs?.p99, formatMs),
        clean(phase.faults.map((fault) => `${fault.kind} on ${fault.target}`).join(', ') || 'none'),
      ]),
    ),
  ]
  lines.push(
    ...reconciliationLines(report),
    ...recoveryLines(report),
    ...queueLines(report),
    ...breakerLines(report),
  )
  const failures = failureSummary(report)
  if (failures.length > 0)
    lines.push('', paint('red', 'Failed:'), ...failures.map((failure) => `  - ${clean(failure)}`))
  return `${lines.join('\n')}\n`
}

/** The driver's per-operation figures; nothing when the run recorded none. */
function operationLines(report: Report): string[] {
  if (!report.operations) return []
  return ['', 'Operations', ...table([...OPERATION_HEAD], operationRows(report.operations))]
}

/** What the platform's reconciler checked and repaired, by kind. */
function reconciliationLines(report: Report): string[] {
  const r = report.reconciliation
  if (!r) return []
  const kinds = new Map<string, number>()
  for (const repair of r.repaired) kinds.set(repair.kind, (kinds.get(repair.kind) ?? 0) + 1)
  const byKind = [...kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ')
  return [
    '',
    `Reconciliation: ${r.ordersChecked} orders and ${r.paymentsChecked} payments checked in ${r.passes} passes; ` +
      `${r.repaired.length} repaired${byKind ? ` (${clean(byKind)})` : ''}, ${r.unrepaired} unrepaired; ` +
      `discrepancy rate ${formatRatio(r.discrepancyRate)}`,
    ...r.mismatches
      .slice(0, 10)
      .map((m) => `  - ${clean(`${m.kind}${m.orderId ? ` ${m.orderId}` : ''}: ${m.detail}`)}`),
  ]
}

/** Time to recover of each healed fault. */
function recoveryLines(report: Report): string[] {
  if (!report.recovery?.length) return []
  return [
    '',
    'Recovery',
    ...table(
      ['fault', 'healed at', 'recovered'],
      report.recovery.map((r) => [
        clean(`${r.kind} on ${r.target}`),
        formatSeconds(r.faultEndMs),
        r.recoveryMs === undefined ? 'not before the load ended' : `after ${formatSeconds(r.recoveryMs)}`,
      ]),
    ),
  ]
}

/** The message backlog: its peak, where it ended, and how long it took to drain after each broker fault. */
function queueLines(report: Report): string[] {
  const q = report.queue
  if (!q) return []
  return [
    '',
    `Queue: max backlog ${q.maxBacklog} at ${formatSeconds(q.maxBacklogAtMs)}, ${q.backlogAtEnd} at the end; ` +
      `${q.consumed} consumed`,
    ...(q.drains.length === 0
      ? ['  no fault on the broker link']
      : table(
          ['fault', 'healed at', 'drained'],
          q.drains.map((d) => [clean(`${d.kind} on ${d.target}`), formatSeconds(d.healedAtMs), drainText(d)]),
        )),
  ]
}

/** The breakers that left `closed`, one line per vendor: each state it went through, when. */
function breakerLines(report: Report): string[] {
  const tripped = new Set(
    (report.breakers ?? []).filter((s) => s.state === 'open' || s.state === 'half_open').map((s) => s.vendor),
  )
  if (tripped.size === 0) return []
  const rows = [...tripped].map((vendor) => {
    const spans = (report.breakers ?? []).filter((s) => s.vendor === vendor && s.state !== 'closed')
    const text = spans
      .map(
        (s) =>
          `${s.state.replace('_', '-')} ${formatSeconds(s.fromMs)}–${s.toMs === undefined ? 'end' : formatSeconds(s.toMs)}`,
      )
      .join(', ')
    return [clean(vendor), clean(text)]
  })
  return ['', 'Circuit breakers', ...table(['vendor', 'not closed'], rows)]
}

/** Left-aligned columns; widths ignore ANSI escapes. */
function table(head: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['  (none)']
  const all = [head, ...rows]
  const widths = head.map((_, i) => Math.max(...all.map((row) => visible(row[i] ?? '').length)))
  return all.map(
    (row) =>
      '  ' +
      row
        .map((value, i) => value + ' '.repeat((widths[i] ?? 0) - visible(value).length))
        .join('  ')
        .trimEnd(),
  )
}

function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}

/** Strips control characters from run-supplied text so it cannot drive the terminal. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
}
