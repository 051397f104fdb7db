import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

describe('gameday run baseline (real processes)', () => {
  it('drives checkouts through the platform and passes with no duplicate charges', async () => {
    const out = tempOut('baseline')
    // --no-slos: the suite shares two cores with other game days, so the latency budgets would
    // measure the runner; they are still measured (below), and the checks still decide.
    const result = await runCli([
      'run',
      'baseline',
      '--duration',
      '3s',
      '--rate',
      '10',
      '--out',
      out,
      '--ci',
      '--no-slos',
    ])
    expect(result.stderr).toBe('')
    expect(result.code, result.stdout + result.stderr).toBe(0)
    const report = readReport(out)
    expect(report.verdict).toBe('pass')
    expect(report.load.checkoutsAttempted).toBe(30)
    expect(report.load.checkoutsSucceeded).toBe(30)
    expect(report.integrity.duplicateCharges).toBe(0)
    expect(report.integrity.lostOrders).toBe(0)
    expect(report.slos.map((slo) => slo.actual !== undefined)).toEqual([true, true, true, true])
    expect(report.latencyMs?.p50).toBeGreaterThan(0)
    expect(report.latencyMs?.p99).toBeGreaterThanOrEqual(report.latencyMs?.p50 ?? Infinity)
    // Every report format is written.
    for (const file of ['report.md', 'junit.xml', 'report.html']) {
      expect(readFileSync(join(out, file), 'utf8').length).toBeGreaterThan(100)
    }
    expect(result.stdout).toMatch(/PASS/)
  }, 60_000)
})
