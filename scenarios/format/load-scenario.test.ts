import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadScenario, UnknownScenarioError } from './load-scenario.js'

// Outside any package.json: a team's scenario file as it sits in their own folder.
const dir = mkdtempSync(join(tmpdir(), 'gameday-scenario-files-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const scenario = {
  name: 'mine',
  description: 'my own game day',
  rate: 5,
  phases: [{ name: 'steady', durationMs: 2_000 }],
  slos: [{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 1_000, unit: 'ms' }],
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text)
  return name
}

describe('loadScenario', () => {
  it('finds a built-in by name', async () => {
    expect((await loadScenario('baseline')).name).toBe('baseline')
  })

  it.each([
    ['mine.ts', `const s: { name: string } = ${JSON.stringify(scenario)}\nexport default s\n`],
    ['mine.mts', `export default ${JSON.stringify(scenario)}\n`],
    ['mine.cts', `export default ${JSON.stringify(scenario)}\n`],
    ['mine.mjs', `export default ${JSON.stringify(scenario)}\n`],
    ['mine.js', `module.exports = ${JSON.stringify(scenario)}\n`],
  ])('loads %s from a folder that is not an ES-module package', async (name, text) => {
    const loaded = await loadScenario(file(name, text), { cwd: dir })
    expect(loaded).toMatchObject({ name: 'mine', rate: 5 })
  })

  it('says what is wrong with an invalid scenario, by path', async () => {
    const bad = { ...scenario, phases: [{ name: 'steady', durationMs: -5, faults: [{ kind: 'quake' }] }] }
    const name = file('bad.ts', `export default ${JSON.stringify(bad)}\n`)
    const error = await loadScenario(name, { cwd: dir }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnknownScenarioError)
    expect((error as Error).message).toContain('/phases/0/durationMs')
  })

  it('reports a file that does not compile, without a stack', async () => {
    const name = file('broken.ts', 'export default {{{\n')
    await expect(loadScenario(name, { cwd: dir })).rejects.toThrow(/Failed to load scenario \(broken\.ts\)/)
  })

  it('refuses a name that is neither a built-in nor a file', async () => {
    await expect(loadScenario('no-such-game-day', { cwd: dir })).rejects.toThrow(
      /Unknown scenario "no-such-game-day"/,
    )
  })

  it('calls a default export that is a function with the environment overlaid by the --env pairs', async () => {
    process.env.GAMEDAY_TEST_FROM_PROCESS = 'process'
    try {
      const name = file(
        'env.ts',
        `import { defineScenario } from ${JSON.stringify(new URL('./scenario.ts', import.meta.url).pathname)}\n` +
          `const base = ${JSON.stringify(scenario)}\n` +
          'export default defineScenario(({ env }) => ({ ...base, rate: Number(env.RATE ?? 5),\n' +
          '  description: `${env.GAMEDAY_TEST_FROM_PROCESS}/${env.TAG}` }))\n',
      )
      const loaded = await loadScenario(name, { cwd: dir, env: { RATE: '42', TAG: 'a=b' } })
      expect(loaded).toMatchObject({ name: 'mine', rate: 42, description: 'process/a=b' })
      // The same file without pairs: its own defaults.
      expect((await loadScenario(name, { cwd: dir })).rate).toBe(5)
    } finally {
      delete process.env.GAMEDAY_TEST_FROM_PROCESS
    }
  })

  it('checks what the function returns, and reports what it throws', async () => {
    const bad = file(
      'env-bad.mjs',
      `export default ({ env }) => ({ ...${JSON.stringify(scenario)}, rate: -1 })\n`,
    )
    const error = await loadScenario(bad, { cwd: dir }).catch((e: unknown) => e)
    expect((error as UnknownScenarioError).problems).toEqual([expect.stringMatching(/^\/rate: /)])
    const throws = file(
      'env-throws.mjs',
      `export default ({ env }) => { throw new Error('RATE is required') }\n`,
    )
    await expect(loadScenario(throws, { cwd: dir })).rejects.toThrow(/threw: RATE is required/)
  })

  it('loads a JSON scenario file, leaving its $schema out', async () => {
    const name = file('mine.json', JSON.stringify({ $schema: '../docs/scenario.schema.json', ...scenario }))
    const loaded = await loadScenario(name, { cwd: dir })
    expect(loaded).toEqual(scenario)
  })

  it('lists the problems of an invalid file on the error, one per line', async () => {
    const name = file('typo.mjs', `export default ${JSON.stringify({ ...scenario, rampTo: 5 })}\n`)
    const error = (await loadScenario(name, { cwd: dir }).catch((e: unknown) => e)) as UnknownScenarioError
    expect(error.problems).toEqual(['/rampTo: unknown key "rampTo" is not allowed; did you mean "rate"?'])
    expect(error.message).toContain('/rampTo: unknown key')
  })

  it('loads the example of docs/scenarios.md, with and without --env', async () => {
    const page = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8')
    const example = /```ts\n(\/\/ my-scenarios\/lunch-rush\.ts\n[\s\S]*?)```/.exec(page)?.[1]
    expect(example).toBeDefined()
    const scenarioModule = JSON.stringify(new URL('./scenario.ts', import.meta.url).pathname)
    const name = file(
      'lunch-rush.ts',
      (example as string).replace("'../scenarios/format/scenario.js'", scenarioModule),
    )
    const loaded = await loadScenario(name, { cwd: dir })
    expect(loaded).toMatchObject({
      name: 'lunch-rush',
      mix: expect.any(Object),
      population: expect.any(Object),
    })
    const peak = await loadScenario(name, { cwd: dir, env: { PEAK: '150' } })
    expect(JSON.stringify(peak.phases[1]?.workloads)).toContain('"target":150')
  })
})
