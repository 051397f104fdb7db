import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// Racing partial refunds while the PSP drops a quarter of refund answers after refunding.
describe.concurrent('refund-rush (real processes, racing refunds and lost refund answers)', () => {
  it('never refunds more than was captured and keeps the books balanced while psp-idempotency is on', async () => {
    const out = tempOut('refund-on')
    const result = await runCli(['run', 'refund-rush', '--out', out, '--ci'], { timeoutMs: 90_000 })
    const report = readReport(out)
    expect(report.faultsInjected.some((f) => f.kind === 'vendor:ambiguous-success')).toBe(true)
    const usd = report.integrity.moneyConservation?.['usd']
    expect(usd?.refunded, result.stdout).toBeGreaterThan(0)
    expect(usd?.balanced, result.stdout).toBe(true)
    expect(report.integrity.refundsExceedingCaptures).toBe(0)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)

  it('refunds again on a retry, unbalancing the books, and exits 1 when psp-idempotency is off', async () => {
    const out = tempOut('refund-off')
    const result = await runCli(
      ['run', 'refund-rush', '--out', out, '--ci', '--safeguard', 'psp-idempotency=off'],
      { timeoutMs: 90_000 },
    )
    const report = readReport(out)
    expect(report.integrity.moneyConservation?.['usd']?.balanced, result.stdout).toBe(false)
    expect(report.findings.some((f) => f.check === 'moneyConservation')).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 90_000)
})
