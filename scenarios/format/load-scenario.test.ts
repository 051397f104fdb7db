import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
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
    const loaded = await loadScenario(file(name, text), dir)
    expect(loaded).toMatchObject({ name: 'mine', rate: 5 })
  })

  it('says what is wrong with an invalid scenario, by path', async () => {
    const bad = { ...scenario, phases: [{ name: 'steady', durationMs: -5, faults: [{ kind: 'quake' }] }] }
    const name = file('bad.ts', `export default ${JSON.stringify(bad)}\n`)
    const error = await loadScenario(name, dir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnknownScenarioError)
    expect((error as Error).message).toContain('/phases/0/durationMs')
  })

  it('reports a file that does not compile, without a stack', async () => {
    const name = file('broken.ts', 'export default {{{\n')
    await expect(loadScenario(name, dir)).rejects.toThrow(/Failed to load scenario \(broken\.ts\)/)
  })

  it('refuses a name that is neither a built-in nor a file', async () => {
    await expect(loadScenario('no-such-game-day', dir)).rejects.toThrow(/Unknown scenario "no-such-game-day"/)
  })
})
