import type { Report } from './report.js'

/**
 * report.json: the report as pretty-printed JSON with a trailing newline. Absent figures stay
 * absent (never `null`).
 * @example await writeFile('report.json', renderJson(report))
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
