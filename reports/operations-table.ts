import { formatMs, orDash } from './format.js'
import { OPERATIONS } from './schemas/load-schema.js'
import type { OperationFigures, ScheduleFigures } from './types.js'

/** The per-operation table's header, the same in every text renderer. */
export const OPERATION_HEAD = ['operation', 'attempted', 'ok', 'fail', 'indet', 'p50', 'p99'] as const

/**
 * One row per HTTP operation sent: the known operations in journey order, any other after them.
 * @example operationRows(report.operations) // [['browse', '1,200', '1,200', '0', '0', '3.1 ms', '9 ms'], …]
 */
export function operationRows(operations: Readonly<Record<string, OperationFigures>>): string[][] {
  const known: readonly string[] = OPERATIONS
  const names = [
    ...known.filter((name) => operations[name] !== undefined),
    ...Object.keys(operations)
      .filter((name) => !known.includes(name))
      .sort(),
  ]
  return names.map((name) => {
    const op = operations[name]!
    return [
      name,
      formatCount(op.attempted),
      formatCount(op.ok),
      formatCount(op.fail),
      formatCount(op.indeterminate),
      orDash(op.latencyMs?.p50, formatMs),
      orDash(op.latencyMs?.p99, formatMs),
    ]
  })
}

/**
 * How the schedule was kept, in one line.
 * @example scheduleLine(report.schedule) // '1,200 scheduled, 1,200 started, 0 dropped, lag p99 0.4 ms'
 */
export function scheduleLine(schedule: ScheduleFigures): string {
  const counts =
    `${formatCount(schedule.scheduled)} scheduled, ${formatCount(schedule.started)} started, ` +
    `${formatCount(schedule.dropped)} dropped`
  return schedule.lagMs === undefined ? counts : `${counts}, lag p99 ${formatMs(schedule.lagMs.p99)}`
}

/** A count with thousands separators: `1,200`. */
function formatCount(value: number): string {
  return value.toLocaleString('en-US')
}
