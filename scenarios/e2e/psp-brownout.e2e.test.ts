import { afterAll, describe, expect, it } from 'vitest'
import type { Report } from '../../reports/index.js'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

const brownoutPhase = (report: Report) => report.phases.find((p) => p.name === 'brownout')
const pspBreaker = (report: Report) =>
  (report.breakers ?? []).filter((s) => s.vendor === 'psp').map((s) => s.state)

// 15% of PSP PaymentIntent calls answer 503. With retries on, the platform's one retry (same
// key) rescues them; with retries off, each such call fails its checkout. Both runs play at once
// and are compared with each other, so a slow machine slows both.
describe('psp-brownout (real processes, the PSP answers 503 to some calls)', () => {
  it('rescues transient PSP errors with retries on, and fails those checkouts without', async () => {
    const onOut = tempOut('brownout-on')
    const offOut = tempOut('brownout-off')
    const [on, off] = await Promise.all([
      runCli(['run', 'psp-brownout', '--out', onOut, '--ci'], { timeoutMs: 150_000 }),
      runCli(['run', 'psp-brownout', '--out', offOut, '--ci', '--safeguard', 'retries=off'], {
        timeoutMs: 150_000,
      }),
    ])
    const onReport = readReport(onOut)
    const offReport = readReport(offOut)
    const logs = `${on.stdout}\n${off.stdout}`
    for (const report of [onReport, offReport])
      expect(report.faultsInjected.some((f) => f.target === 'psp-app' && f.kind === 'vendor:error')).toBe(
        true,
      )

    // On: the brownout's availability held, with the breaker closed: the retries did the work.
    expect(onReport.safeguards.retries).toBe(true)
    expect(brownoutPhase(onReport)?.availability, on.stdout).toBeGreaterThanOrEqual(0.9)
    expect(pspBreaker(onReport), on.stdout).not.toContain('open')
    expect(onReport.integrity.pass, on.stdout).toBe(true)
    expect(on.code, on.stdout + on.stderr).toBe(0)

    // Off: the same 503s fail checkouts; failed before capture, so no money moved wrongly.
    expect(offReport.safeguards.retries).toBe(false)
    expect(brownoutPhase(offReport)?.availability ?? 1, logs).toBeLessThan(
      (brownoutPhase(onReport)?.availability ?? 0) - 0.05,
    )
    expect(offReport.slos.find((s) => s.phase === 'brownout')?.pass, off.stdout).toBe(false)
    expect(offReport.integrity.pass, off.stdout).toBe(true)
    expect(off.code, off.stdout + off.stderr).toBe(1)
  }, 180_000)
})
