import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The PSP charges, then drops the response for a quarter of create+confirm calls; the platform
// retries the same call. Only the PSP's Idempotency-Key stands between that retry and a second charge.
describe.concurrent('psp-lost-response (real processes)', () => {
  it('has no duplicate charge while psp-idempotency is on', async () => {
    const out = tempOut('lost-on')
    const result = await runCli([
      'run',
      'psp-lost-response',
      '--no-slos',
      '--duration',
      '3s',
      '--out',
      out,
      '--ci',
    ])
    const report = readReport(out)
    expect(report.faultsInjected.some((f) => f.kind === 'vendor:ambiguous-success')).toBe(true)
    expect(report.integrity.duplicateCharges).toBe(0)
    expect(report.integrity.chargesWithoutOrder).toBe(0)
    // --no-slos: two game days at once on a shared runner measure the runner's latency; what this
    // test proves is the ledger, and the verdict is then the integrity checks alone.
    expect(report.slosJudged).toBe(false)
    expect(report.verdict, result.stdout + result.stderr).toBe('pass')
    expect(result.code, result.stdout + result.stderr).toBe(0)
  })

  it('counts duplicate charges from the PSP ledger and exits 1 when psp-idempotency is off', async () => {
    const out = tempOut('lost-off')
    const result = await runCli([
      'run',
      'psp-lost-response',
      '--no-slos',
      '--duration',
      '3s',
      '--out',
      out,
      '--ci',
      '--safeguard',
      'psp-idempotency=off',
    ])
    const report = readReport(out)
    expect(report.safeguards['psp-idempotency']).toBe(false)
    expect(report.integrity.duplicateCharges).toBeGreaterThan(0)
    expect(report.integrity.pass).toBe(false)
    expect(report.findings.some((f) => f.check === 'duplicateCharges')).toBe(true)
    expect(report.verdict).toBe('fail')
    expect(result.code, result.stdout + result.stderr).toBe(1)
  })
})
