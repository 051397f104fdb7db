import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { builtInScenarios } from '../catalog/index.js'
import {
  SCENARIO_SCHEMA_ID,
  scenarioJsonSchema,
  WRITE_SCENARIO_SCHEMA_COMMAND,
} from './scenario-json-schema.js'

const published = JSON.parse(
  readFileSync(new URL(`../../docs/${SCENARIO_SCHEMA_ID}`, import.meta.url), 'utf8'),
) as Record<string, unknown>

describe('docs/scenario.schema.json', () => {
  it('is what ScenarioSchema generates', () => {
    expect(
      published,
      `docs/scenario.schema.json is out of date: run \`${WRITE_SCENARIO_SCHEMA_COMMAND}\` and commit the result`,
    ).toEqual(scenarioJsonSchema())
  })

  it('names itself, the draft it follows and how it is made', () => {
    expect(published).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: SCENARIO_SCHEMA_ID,
      title: expect.any(String),
      description: expect.stringContaining(WRITE_SCENARIO_SCHEMA_COMMAND),
      type: 'object',
      additionalProperties: false,
    })
  })

  // A validator that knows nothing of TypeBox (ajv, strict mode): the file itself is usable.
  const validate = new Ajv({ strict: true, allErrors: true }).compile(published)

  it.each([...builtInScenarios.keys()])('accepts the built-in %s', (name) => {
    expect(
      validate(JSON.parse(JSON.stringify(builtInScenarios.get(name)))),
      JSON.stringify(validate.errors),
    ).toBe(true)
  })

  it('refuses an unknown key in a phase and an unknown metric', () => {
    const scenario = {
      name: 'mine',
      description: 'mine',
      rate: 5,
      phases: [{ name: 'steady', durationMs: 1_000 }],
      slos: [{ name: 'p99', metric: 'latency.checkout.p99', comparator: '<=', threshold: 1, unit: 'ms' }],
    }
    expect(validate(scenario)).toBe(true)
    expect(validate({ ...scenario, phases: [{ name: 'steady', durationMs: 1_000, rampTo: 50 }] })).toBe(false)
    expect(validate({ ...scenario, slos: [{ ...scenario.slos[0], metric: 'latency.nope.p99' }] })).toBe(false)
  })
})
