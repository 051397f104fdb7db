import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from './capture-io.js'
import { exportCommand } from './export-command.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gameday-export-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function exportK6(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return exportIn(process.cwd(), args)
}

async function exportIn(
  cwd: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, output } = captureIo()
  const code = await exportCommand(args, io, { cwd })
  return { code, ...output }
}

describe('gameday export k6', () => {
  it('writes script.ts and README.md into --out and says where', async () => {
    const out = join(dir, 'baseline-k6')
    const result = await exportK6(
      'k6',
      'baseline',
      '--out',
      out,
      '--seed',
      '9',
      '--rate',
      '40',
      '--env',
      'RUN_ID=gd-ci-7',
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(join(out, 'script.ts'))
    const script = await readFile(join(out, 'script.ts'), 'utf8')
    expect(script).toContain('// Exported by `gameday export k6 baseline --seed 9 --rate 40` (seed 9).')
    expect(script).toContain("SEED: '9', RUN_ID: 'gd-ci-7'")
    expect(script).toContain('rate: 40,')
    expect(await readFile(join(out, 'README.md'), 'utf8')).toMatch(
      /^# k6 load for the gameday scenario `baseline`/,
    )
  })

  it('exports a scenario file, into k6-<scenario>/ by default', async () => {
    const file = join(dir, 'my-day.ts')
    await writeFile(
      file,
      `export default { name: 'my-day', description: 'Mine', rate: 3, phases: [{ name: 'only', durationMs: 2000 }], slos: [] }\n`,
    )
    const result = await exportIn(dir, ['k6', 'my-day.ts', '--duration', '4s'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`Run: k6 run ${join('k6-my-day', 'script.ts')}`)
    expect(await readFile(join(dir, 'k6-my-day', 'script.ts'), 'utf8')).toContain("duration: '4s'")
  })

  it('gives --env to a scenario function as run does, and bakes it into the script', async () => {
    await writeFile(
      join(dir, 'env-day.mjs'),
      `export default ({ env }) => ({ name: 'env-day', description: 'Mine', rate: Number(env.RATE), phases: [{ name: 'only', durationMs: 2000 }], slos: [] })\n`,
    )
    const result = await exportIn(dir, ['k6', 'env-day.mjs', '--env', 'RATE=6'])
    expect(result.code, result.stderr).toBe(0)
    const script = await readFile(join(dir, 'k6-env-day', 'script.ts'), 'utf8')
    expect(script).toContain('rate: 6,')
    expect(script).toContain("RATE: '6'")
  })

  it.each([
    [['csv', 'baseline'], /knows one format, k6/],
    [['k6'], /exactly one scenario/],
    [['k6', 'baseline', 'extra'], /exactly one scenario/],
    [['k6', 'no-such-day'], /Unknown scenario "no-such-day"/],
    [['k6', 'baseline', '--duration', 'soon'], /--duration "soon" is not a duration/],
    [['k6', 'baseline', '--rate', '0'], /--rate "0"/],
    [['k6', 'baseline', '--seed', 'seven'], /--seed "seven"/],
    [['k6', 'baseline', '--env', 'oops'], /--env "oops" must be KEY=VALUE/],
    [['k6', 'baseline', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with exit 2 and a message', async (args, message) => {
    const result = await exportK6(...args, '--out', join(dir, 'never'))
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
  })
})
