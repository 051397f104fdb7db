import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { killAll, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

describe.concurrent('gameday command line', () => {
  it('prints help', async () => {
    const result = await runCli(['--help'])
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.stdout).toMatch(/gameday run <scenario/)
  })

  it('lists the scenarios as JSON', async () => {
    const result = await runCli(['list', '--json'])
    expect(result.code, result.stdout + result.stderr).toBe(0)
    const rows = JSON.parse(result.stdout) as Array<{ name: string; description: string }>
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['baseline', 'psp-latency-spike', 'psp-lost-response']),
    )
    expect(rows.every((r) => r.description.length > 0)).toBe(true)
  })

  it('exits 2 on an unknown scenario', async () => {
    const result = await runCli(['run', 'no-such-scenario'])
    expect(result.code, result.stdout + result.stderr).toBe(2)
    expect(result.stderr).toMatch(/Unknown scenario "no-such-scenario"/)
  })

  it('exits 2 on an unknown safeguard', async () => {
    const result = await runCli(['run', 'baseline', '--safeguard', 'seatbelts=off'])
    expect(result.code, result.stdout + result.stderr).toBe(2)
    expect(result.stderr).toMatch(/Unknown safeguard "seatbelts"/)
  })

  it('exits 2 when a scenario needs a real Postgres and none is given', async () => {
    const file = join(tempOut('needs-postgres'), 'needs-postgres.mjs')
    writeFileSync(
      file,
      `export default ${JSON.stringify({
        name: 'needs-postgres',
        description: 'a game day only a real server can play',
        rate: 1,
        needs: ['postgres'],
        phases: [{ name: 'steady', durationMs: 1_000 }],
        slos: [],
      })}\n`,
    )
    const result = await runCli(['run', file], { env: { DATABASE_URL: '' } })
    expect(result.code, result.stdout + result.stderr).toBe(2)
    expect(result.stderr).toMatch(/needs a real Postgres/)
  })

  it('exits 2 on a bad duration, rate or database', async () => {
    for (const args of [
      ['--duration', 'soon'],
      ['--rate', '-3'],
      ['--db', 'mysql://x'],
    ]) {
      const result = await runCli(['run', 'baseline', ...args])
      expect(result.code, result.stdout + result.stderr).toBe(2)
    }
  })

  it('exits 2 with a one-line message, not a stack, on an unknown option', async () => {
    const result = await runCli(['list', '--bogus'])
    expect(result.code, result.stdout + result.stderr).toBe(2)
    expect(result.stderr).toMatch(/Unknown option '--bogus'/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})
