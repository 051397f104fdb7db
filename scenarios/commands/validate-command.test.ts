import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXIT } from '../../lib/exit-codes.js'
import { captureIo } from './capture-io.js'
import { validateCommand } from './validate-command.js'

const dir = mkdtempSync(join(tmpdir(), 'gameday-validate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const scenario = {
  name: 'mine',
  description: 'my own game day',
  rate: 5,
  phases: [
    { name: 'warm', durationMs: 2_000 },
    {
      name: 'peak',
      durationMs: 3_500,
      workloads: [
        { name: 'ramp', executor: 'ramping-arrival-rate', stages: [{ durationMs: 1_000, target: 20 }] },
        { name: 'shoppers', executor: 'constant-vus', vus: 3 },
      ],
    },
  ],
  slos: [{ name: 'p99', metric: 'latency.checkout.p99', comparator: '<=', threshold: 1_000, unit: 'ms' }],
}

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

async function validate(...args: string[]) {
  const { io, output } = captureIo()
  const code = await validateCommand(args, io)
  return { code, out: output.stdout, err: output.stderr }
}

const good = file('good.mjs', `export default ${JSON.stringify(scenario)}\n`)
const bad = file(
  'bad.mjs',
  `export default ${JSON.stringify({ ...scenario, phases: [{ name: 'a', durationMs: 1_000, rampTo: 50 }] })}\n`,
)
const fromEnv = file(
  'env.mjs',
  `export default ({ env }) => ({ ...${JSON.stringify(scenario)}, rate: Number(env.RATE) })\n`,
)

describe('gameday validate', () => {
  it('says ok with what a valid file holds, and exits 0', async () => {
    const { code, out } = await validate(good, 'baseline')
    expect(code).toBe(EXIT.PASS)
    // warm: its default workload; peak: its two. ~5.5 s as written.
    expect(out).toContain(`${good}: ok — 2 phases, 3 workloads, 1 SLO, ~5.5 s\n`)
    expect(out).toMatch(/^baseline: ok — \d+ phases?, /m)
  })

  it('lists each problem of an invalid file by path, and exits 1 when any file is invalid', async () => {
    const { code, out } = await validate(good, bad)
    expect(code).toBe(EXIT.FAILED)
    expect(out).toContain(`${good}: ok`)
    expect(out).toContain(
      `${bad}: invalid\n  /phases/0/rampTo: unknown key "rampTo" is not allowed; did you mean "rate"?\n`,
    )
  })

  it('reports a file that does not exist or does not compile as invalid', async () => {
    const broken = file('broken.ts', 'export default {{{\n')
    const { code, out } = await validate('no-such.ts', broken)
    expect(code).toBe(EXIT.FAILED)
    expect(out).toContain('no-such.ts: invalid\n  Unknown scenario "no-such.ts"')
    expect(out).toContain(`${broken}: invalid\n  Failed to load scenario`)
  })

  it('passes --env to a scenario function', async () => {
    expect((await validate(fromEnv, '--env', 'RATE=7')).code).toBe(EXIT.PASS)
    const { code, out } = await validate(fromEnv)
    expect(code).toBe(EXIT.FAILED)
    expect(out).toContain('/rate: ')
  })

  it('prints one JSON document with --json', async () => {
    const { code, out } = await validate('--json', good, bad)
    expect(code).toBe(EXIT.FAILED)
    expect(JSON.parse(out)).toEqual({
      valid: false,
      files: [
        { file: good, ok: true, scenario: 'mine', phases: 2, workloads: 3, slos: 1, durationS: 5.5 },
        { file: bad, ok: false, problems: [expect.stringMatching(/^\/phases\/0\/rampTo: unknown key/)] },
      ],
    })
  })

  it.each([[[]], [['--nope', 'x.ts']], [['x.ts', '--env', 'NOEQUALS']], [['x.ts', '--env', '1A=b']]])(
    'is a usage error (exit 2) for %j',
    async (args) => {
      const { code, err, out } = await validate(...args)
      expect(code).toBe(EXIT.NOT_RUN)
      expect(err).toMatch(/^gameday: /)
      expect(out).toBe('')
    },
  )
})
