import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// One after another: the run with inventory-lock off offers 60 shoppers a second, and beside it the
// run with the lock on saw its own p99 SLO (3 s) fail on a busy two-core machine.
describe('flash-sale (real processes)', () => {
  it('sells exactly the stock there is while inventory-lock is on', async () => {
    const out = tempOut('flash-on')
    const result = await runCli([
      'run',
      'flash-sale',
      '--no-slos',
      '--duration',
      '2s',
      '--rate',
      '30',
      '--out',
      out,
    ])
    const report = readReport(out)
    expect(report.integrity.oversell).toBe(0)
    expect(report.load.checkoutsSucceeded).toBe(40)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 60_000)

  it('catches the oversell and exits 1 when inventory-lock is off', async () => {
    const out = tempOut('flash-off')
    const result = await runCli([
      'run',
      'flash-sale',
      '--no-slos',
      '--duration',
      '2s',
      '--out',
      out,
      '--safeguard',
      'inventory-lock=off',
    ])
    const report = readReport(out)
    expect(report.integrity.oversell).toBeGreaterThan(0)
    expect(
      report.findings.some((f) => f.check === 'oversell' && f.detail.startsWith('sku_limited_sneaker')),
    ).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 60_000)
})
