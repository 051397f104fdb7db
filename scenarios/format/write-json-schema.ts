/**
 * Rewrites docs/scenario.schema.json from `ScenarioSchema` (scenarios/format/scenario-schema.ts),
 * formatted as the repository's prettier config says. Run after changing the schema:
 * `npx tsx scenarios/format/write-json-schema.ts`; a test fails while the file is out of date.
 */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

import { format, resolveConfig } from 'prettier'

import { SCENARIO_SCHEMA_ID, scenarioJsonSchema } from './scenario-json-schema.js'

const target = fileURLToPath(new URL(`../../docs/${SCENARIO_SCHEMA_ID}`, import.meta.url))
const options = await resolveConfig(target)
await writeFile(
  target,
  await format(JSON.stringify(scenarioJsonSchema(), null, 2), { ...options, filepath: target }),
  'utf8',
)
process.stdout.write(`Wrote ${target}\n`)
