import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The embedded database, served over the wire behind the `db` link, goes away for 3 s.
describe('db-failover (real processes, the embedded database behind its link)', () => {
  it('refuses checkouts while the database is away, reconnects after, and loses nothing', async () => {
    const out = tempOut('db-failover')
    const result = await runCli(['run', 'db-failover', '--out', out, '--ci', '--no-slos'], {
      timeoutMs: 90_000,
    })
    const report = readReport(out)
    const phase = (name: string) => report.phases.find((p) => p.name === name)
    expect(result.stdout).toMatch(/PGlite served via proxy/)
    expect(report.faultsInjected.some((f) => f.target === 'db' && f.kind === 'link:down')).toBe(true)
    expect(phase('failover')?.availability, result.stdout).toBeLessThan(0.5)
    expect(phase('after')?.availability, result.stdout).toBeGreaterThanOrEqual(0.9)
    const recovery = report.recovery?.find((r) => r.kind === 'link:down')
    expect(recovery?.recoveryMs, result.stdout).toBeLessThanOrEqual(3_000)
    expect(report.integrity.pass, result.stdout).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)
})
