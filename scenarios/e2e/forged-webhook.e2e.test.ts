import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// Forged payment_intent.succeeded webhooks arrive while each order waits for its authorisation.
describe.concurrent('forged-webhook (real processes, forged signed webhooks over HTTP)', () => {
  it('refuses every forgery while webhook-signature is on', async () => {
    const out = tempOut('forged-on')
    const result = await runCli(['run', 'forged-webhook', '--out', out, '--ci'], { timeoutMs: 90_000 })
    const report = readReport(out)
    expect(report.faultsInjected.some((f) => f.kind === 'vendor:webhook-forge')).toBe(true)
    expect(report.integrity.paidWithoutCapture, result.stdout).toBe(0)
    expect(report.integrity.pass, result.stdout).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)

  it('believes them and pays orders nothing was captured for when webhook-signature is off', async () => {
    const out = tempOut('forged-off')
    const result = await runCli(
      ['run', 'forged-webhook', '--out', out, '--ci', '--safeguard', 'webhook-signature=off'],
      { timeoutMs: 90_000 },
    )
    const report = readReport(out)
    expect(report.integrity.paidWithoutCapture, result.stdout).toBeGreaterThan(0)
    expect(report.findings.some((f) => f.check === 'paidWithoutCapture' && f.orderId)).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 90_000)
})
