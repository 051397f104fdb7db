/**
 * Rewrites docs/report.schema.json from `ReportSchema` (reports/schemas/report-schema.ts),
 * formatted as the repository's prettier config says. Run after changing the schema:
 * `npx tsx reports/write-report-schema.ts`; a test fails while the file is out of date.
 */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

import { format, resolveConfig } from 'prettier'

import { REPORT_SCHEMA_ID, reportJsonSchema } from './schemas/report-json-schema.js'

const target = fileURLToPath(new URL(`../docs/${REPORT_SCHEMA_ID}`, import.meta.url))
const options = await resolveConfig(target)
await writeFile(
  target,
  await format(JSON.stringify(reportJsonSchema(), null, 2), { ...options, filepath: target }),
  'utf8',
)
process.stdout.write(`Wrote ${target}\n`)
