import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The platform SIGKILLs itself at two checkout steps (armed through its admin API) and is restarted.
describe.concurrent('platform-crash (real processes, crashes at checkout steps)', () => {
  it('loses no event, order or charge while the outbox is on', async () => {
    const out = tempOut('crash-on')
    const result = await runCli(['run', 'platform-crash', '--no-slos', '--out', out], { timeoutMs: 90_000 })
    const report = readReport(out)
    const crashes = report.faultsInjected.filter((f) => f.kind === 'process:crash-at')
    expect(crashes).toHaveLength(2)
    // Both crash points were reached: each crash has a restart after it.
    for (const crash of crashes) expect(crash.toMs).toBeGreaterThan(crash.fromMs)
    expect(report.integrity).toMatchObject({
      lostEvents: 0,
      unresolved: 0,
      chargesWithoutOrder: 0,
      duplicateCharges: 0,
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)

  it('catches the OrderPaid lost between commit and publish when the outbox is off', async () => {
    const out = tempOut('crash-outbox-off')
    const result = await runCli(
      ['run', 'platform-crash', '--no-slos', '--out', out, '--safeguard', 'outbox=off'],
      {
        timeoutMs: 90_000,
      },
    )
    const report = readReport(out)
    expect(report.integrity.lostEvents).toBeGreaterThan(0)
    expect(report.findings.some((f) => f.check === 'lostEvents' && f.orderId)).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 90_000)
})
