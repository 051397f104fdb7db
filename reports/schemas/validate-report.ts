import { shapeProblems } from './check-shape.js'
import { ReportSchema } from './report-schema.js'

/**
 * Checks a value against report.json's schema (schemaVersion 1). Each error is
 * `<JSON Pointer>: <what was expected>`.
 * @example
 * const result = validateReport(JSON.parse(await readFile('report.json', 'utf8')))
 * if (!result.ok) console.error(result.errors.join('\n')) // "/load/achievedRate: Expected number"
 */
export function validateReport(value: unknown): { ok: true } | { ok: false; errors: string[] } {
  const problems = shapeProblems(ReportSchema, value)
  if (problems.length === 0) return { ok: true }
  return { ok: false, errors: problems.map(({ path, expected }) => `${path}: ${expected}`) }
}
