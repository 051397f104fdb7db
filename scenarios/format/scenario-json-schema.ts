import { ScenarioSchema } from './scenario-schema.js'

/** The published schema's `$id`, and its file name under `docs/`. */
export const SCENARIO_SCHEMA_ID = 'scenario.schema.json'

/** The command that rewrites docs/scenario.schema.json from `ScenarioSchema`. */
export const WRITE_SCENARIO_SCHEMA_COMMAND = 'npx tsx scenarios/format/write-json-schema.ts'

/**
 * A scenario file's JSON Schema (draft-07), generated from `ScenarioSchema`: what
 * docs/scenario.schema.json holds, for editors (titles and descriptions show as help) and for
 * tools that check a `.json` scenario without gameday. TypeBox schemas are JSON Schema already;
 * serialising drops its symbol-keyed markers.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCENARIO_SCHEMA_ID,
    ...(JSON.parse(JSON.stringify(ScenarioSchema)) as Record<string, unknown>),
    description:
      'A game day: phases of load with their faults, and the SLOs it is judged by — the default export of ' +
      'a scenario file (docs/scenarios.md). Durations are ms, rates are arrivals per second, shares are 0–1. ' +
      `Generated from scenarios/format/scenario-schema.ts by \`${WRITE_SCENARIO_SCHEMA_COMMAND}\`.`,
  }
}
