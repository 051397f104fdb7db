import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The tax vendor answers 503 to everything mid-run; only tax-fallback keeps checkout up.
describe.concurrent('tax-outage (real processes, the tax vendor down)', () => {
  it('keeps checkout available on estimated tax while tax-fallback is on', async () => {
    const out = tempOut('tax-on')
    const result = await runCli(['run', 'tax-outage', '--duration', '4s', '--out', out, '--ci'])
    const report = readReport(out)
    const outage = report.phases.find((p) => p.name === 'outage')
    expect(report.faultsInjected.some((f) => f.target === 'tax-app' && f.kind === 'vendor:error')).toBe(true)
    expect(outage?.load.checkoutsAttempted).toBeGreaterThan(0)
    expect(outage?.availability, result.stdout).toBeGreaterThanOrEqual(0.95)
    expect(report.integrity.pass).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  })

  it('fails the outage’s checkouts, charging nothing, and exits 1 when tax-fallback is off', async () => {
    const out = tempOut('tax-off')
    const result = await runCli([
      'run',
      'tax-outage',
      '--duration',
      '4s',
      '--out',
      out,
      '--ci',
      '--safeguard',
      'tax-fallback=off',
    ])
    const report = readReport(out)
    expect(report.safeguards['tax-fallback']).toBe(false)
    const outage = report.phases.find((p) => p.name === 'outage')
    expect(outage?.availability, result.stdout).toBeLessThan(0.5)
    expect(report.slos.find((s) => s.phase === 'outage')?.pass).toBe(false)
    // Refused before any money moved: the ledger agrees with the orders.
    expect(report.integrity.pass).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  })
})
