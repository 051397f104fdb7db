import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The platform crashes between the PSP's capture and recording it, the webhooks are lost and
// shoppers do not retry: only the reconciler can find the money that moved.
describe.concurrent('crash-lost-webhook (real processes, a crash and no webhooks)', () => {
  it('records the orphaned capture from the PSP ledger while the reconciler is on', async () => {
    const out = tempOut('reconciler-on')
    const result = await runCli(['run', 'crash-lost-webhook', '--out', out, '--ci'], { timeoutMs: 90_000 })
    const report = readReport(out)
    expect(report.faultsInjected.find((f) => f.kind === 'process:crash-at')?.toMs).toBeGreaterThan(0)
    // Whichever part of the reconciler reaches the crashed order first records it: the completer
    // resuming the stalled checkout with its PSP key, or a pass recording the capture it finds.
    expect(
      report.reconciliation?.repaired.some(
        (r) =>
          r.kind === 'capture_recorded' ||
          (r.kind === 'checkout_resumed' && r.evidence['orderStatus'] === 'paid'),
      ),
      result.stdout,
    ).toBe(true)
    expect(report.integrity).toMatchObject({ unresolved: 0, chargesWithoutOrder: 0, pass: true })
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)

  it('leaves the order authorised with its money taken, and exits 1, when the reconciler is off', async () => {
    const out = tempOut('reconciler-off')
    const result = await runCli(
      ['run', 'crash-lost-webhook', '--out', out, '--ci', '--safeguard', 'reconciler=off'],
      {
        timeoutMs: 90_000,
      },
    )
    const report = readReport(out)
    expect(report.reconciliation).toBeUndefined()
    expect(report.integrity.unresolved, result.stdout).toBeGreaterThan(0)
    expect(report.findings.some((f) => f.check === 'unresolved' && f.orderId)).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 90_000)
})
