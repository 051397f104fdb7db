import { afterAll, describe, expect, it } from 'vitest'
import type { Report } from '../../reports/index.js'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

const hangPhase = (report: Report) => report.phases.find((p) => p.name === 'hang')
const pspBreaker = (report: Report) =>
  (report.breakers ?? []).filter((s) => s.vendor === 'psp').map((s) => s.state)

// The PSP hangs on 15% of its PaymentIntent calls. With timeouts on, a hung try is abandoned
// after 2 s and retried; with them off, the checkout waits for the shopper to give up. Both runs
// play at once and are compared with each other, so a slow machine slows both.
describe('psp-hang (real processes, the PSP hangs on some calls)', () => {
  it('abandons hung tries with timeouts on, and holds checkouts until the shopper gives up without', async () => {
    const onOut = tempOut('hang-on')
    const offOut = tempOut('hang-off')
    const [on, off] = await Promise.all([
      runCli(['run', 'psp-hang', '--out', onOut, '--ci'], { timeoutMs: 150_000 }),
      runCli(['run', 'psp-hang', '--out', offOut, '--ci', '--safeguard', 'timeouts=off'], {
        timeoutMs: 150_000,
      }),
    ])
    const onReport = readReport(onOut)
    const offReport = readReport(offOut)
    const logs = `${on.stdout}\n${off.stdout}`
    for (const report of [onReport, offReport])
      expect(report.faultsInjected.some((f) => f.target === 'psp-app' && f.kind === 'vendor:hang')).toBe(true)

    // On: every hang phase SLO held, and the breaker stayed closed: the timeouts did the work.
    expect(onReport.safeguards.timeouts).toBe(true)
    expect(hangPhase(onReport)?.availability, on.stdout).toBeGreaterThanOrEqual(0.9)
    expect(pspBreaker(onReport), on.stdout).not.toContain('open')
    expect(onReport.integrity.pass, on.stdout).toBe(true)
    expect(on.code, on.stdout + on.stderr).toBe(0)

    // Off: the same faults, but the hung checkouts waited out the shopper's timeout and failed.
    expect(offReport.safeguards.timeouts).toBe(false)
    const onPhase = hangPhase(onReport)
    const offPhase = hangPhase(offReport)
    expect(offPhase?.availability ?? 1, logs).toBeLessThan(onPhase?.availability ?? 0)
    expect(offPhase?.latencyMs?.p90 ?? 0, logs).toBeGreaterThan(onPhase?.latencyMs?.p90 ?? Infinity)
    const offSlos = offReport.slos.filter((s) => s.phase === 'hang')
    expect(offSlos.find((s) => s.metric === 'availability')?.pass, off.stdout).toBe(false)
    expect(offSlos.find((s) => s.metric === 'latency.p90')?.pass, off.stdout).toBe(false)
    expect(off.code, off.stdout + off.stderr).toBe(1)
  }, 180_000)
})
