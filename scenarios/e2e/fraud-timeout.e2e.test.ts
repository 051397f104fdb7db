import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The fraud vendor hangs for 8 s (longer than the client's three 1 s tries); only
// fraud-fail-open keeps checkout up. Played at full length: shrunk, the retries alone absorb it.
describe.concurrent('fraud-timeout (real processes, the fraud vendor hangs)', () => {
  it('accepts small orders without a fraud answer while fraud-fail-open is on', async () => {
    const out = tempOut('fraud-on')
    const result = await runCli(['run', 'fraud-timeout', '--out', out, '--ci'], { timeoutMs: 90_000 })
    const report = readReport(out)
    const outage = report.phases.find((p) => p.name === 'outage')
    expect(report.faultsInjected.some((f) => f.target === 'fraud-app' && f.kind === 'vendor:hang')).toBe(true)
    expect(outage?.availability, result.stdout).toBeGreaterThanOrEqual(0.95)
    expect(report.integrity.pass).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)

  it('fails the outage’s checkouts and exits 1 when fraud-fail-open is off', async () => {
    const out = tempOut('fraud-off')
    const result = await runCli(
      ['run', 'fraud-timeout', '--out', out, '--ci', '--safeguard', 'fraud-fail-open=off'],
      { timeoutMs: 90_000 },
    )
    const report = readReport(out)
    expect(report.safeguards['fraud-fail-open']).toBe(false)
    const outage = report.phases.find((p) => p.name === 'outage')
    expect(outage?.availability, result.stdout).toBeLessThan(0.8)
    expect(report.integrity.pass).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 90_000)
})
