/**
 * Validates report.json text against the published docs/report.schema.json with ajv (strict
 * mode), a validator that knows nothing of TypeBox: proof the file itself, not only the schema
 * it was generated from, accepts what the reports write.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { Ajv } from 'ajv'

/** Where the published schema lives. */
export const REPORT_SCHEMA_FILE = fileURLToPath(new URL('../../docs/report.schema.json', import.meta.url))

/** The committed schema, parsed. */
export function readPublishedReportSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8')) as Record<string, unknown>
}

let validate: ReturnType<Ajv['compile']> | undefined

/** The published schema's errors for a report.json text: `[]` when it matches. */
export function publishedSchemaErrors(reportJson: string): string[] {
  validate ??= new Ajv({ strict: true, allErrors: true }).compile(readPublishedReportSchema())
  if (validate(JSON.parse(reportJson))) return []
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'}: ${error.message ?? error.keyword}`,
  )
}
