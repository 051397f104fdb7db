import { ReportSchema } from './report-schema.js'

/** The published schema's `$id`, and its file name under `docs/`. */
export const REPORT_SCHEMA_ID = 'report.schema.json'

/** The command that rewrites docs/report.schema.json from `ReportSchema`. */
export const WRITE_REPORT_SCHEMA_COMMAND = 'npx tsx reports/write-report-schema.ts'

/**
 * report.json's JSON Schema (draft-07), generated from `ReportSchema`: what docs/report.schema.json
 * holds. TypeBox schemas are JSON Schema already; serialising drops its symbol-keyed markers.
 * @example JSON.stringify(reportJsonSchema(), null, 2)
 */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: REPORT_SCHEMA_ID,
    title: 'Gameday report.json (schemaVersion 1)',
    description:
      'The report of one game day, as `gameday run` writes it to report.json. Every figure is a number; ' +
      'times since the run started are ms (times of day are ISO-8601 strings); ratios are 0–1; money is ' +
      'integer minor units. A figure that could not be computed is absent — never 0, never null. ' +
      `Generated from reports/schemas/report-schema.ts by \`${WRITE_REPORT_SCHEMA_COMMAND}\`.`,
    ...(JSON.parse(JSON.stringify(ReportSchema)) as Record<string, unknown>),
  }
}
