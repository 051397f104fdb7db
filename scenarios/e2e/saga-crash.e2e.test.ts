import { afterAll, describe, expect, it } from 'vitest'
import { CRASH_STEPS } from '../../platform/chaos-hooks/crash-points.js'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// A SIGKILL at every step of the saga, one per phase; restart, shopper retries, the completer and
// the reconciler must leave every order agreeing with the PSP ledger and the tax documents.
describe('saga-crash (real processes, a kill at each saga step)', () => {
  it('crashes at all seven steps and ends with nothing lost, doubled or unresolved', async () => {
    const out = tempOut('saga-crash')
    const result = await runCli(['run', 'saga-crash', '--out', out, '--ci'], { timeoutMs: 150_000 })
    const report = readReport(out)
    const crashes = report.faultsInjected.filter((f) => f.kind === 'process:crash-at')
    expect(crashes.map((f) => f.params['step'])).toEqual([...CRASH_STEPS])
    // Each crash happened (its step was reached), rather than being disarmed at the phase's end.
    for (const crash of crashes) expect(crash.toMs, JSON.stringify(crash)).toBeGreaterThan(crash.fromMs)
    expect(report.integrity, result.stdout).toMatchObject({
      duplicateCharges: 0,
      lostOrders: 0,
      chargesWithoutOrder: 0,
      stateMismatches: 0,
      lostEvents: 0,
      unresolved: 0,
      pass: true,
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 150_000)
})
