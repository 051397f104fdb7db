import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The fraud vendor slows down under load; every API request holds a database connection until
// it answers, so without a bulkhead the slow checkouts hold the pool and browsing waits for it.
describe.concurrent('fraud-slow (real processes, a slow fraud vendor and the shared pool)', () => {
  it('keeps browsing fast while bulkhead is on: the fraud calls beyond its cap fail open at once', async () => {
    const out = tempOut('bulkhead-on')
    const result = await runCli(['run', 'fraud-slow', '--out', out, '--ci'], { timeoutMs: 90_000 })
    const report = readReport(out)
    const slow = report.phases.find((p) => p.name === 'slow')
    expect(slow?.browsing?.attempted).toBeGreaterThan(0)
    expect(slow?.browsing?.availability, result.stdout).toBeGreaterThanOrEqual(0.99)
    expect(slow?.browsing?.latency?.p99, result.stdout).toBeLessThan(1_000)
    expect(report.integrity.pass).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)

  it('lets the slow checkouts hold the pool and browsing wait for it, and exits 1, when bulkhead is off', async () => {
    const out = tempOut('bulkhead-off')
    const result = await runCli(['run', 'fraud-slow', '--out', out, '--ci', '--safeguard', 'bulkhead=off'], {
      timeoutMs: 90_000,
    })
    const report = readReport(out)
    expect(report.safeguards.bulkhead).toBe(false)
    const slow = report.phases.find((p) => p.name === 'slow')
    const browseSlo = report.slos.find((s) => s.metric === 'browse.latency.p99' && s.phase === 'slow')
    expect(slow?.browsing?.latency?.p99, result.stdout).toBeGreaterThan(1_000)
    expect(browseSlo?.pass).toBe(false)
    // Slow is not wrong: no money moved amiss.
    expect(report.integrity.pass).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 90_000)
})
