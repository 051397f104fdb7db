import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The shopper's link throttled and sliced, the PSP link slowed: every request is slower and
// none fails. --no-slos: the suite shares two cores with other game days, so the latency budgets
// would measure the runner; they are still measured (below), the availability budgets are
// asserted, and the integrity checks decide the exit code. One direction only: no safeguard is
// switched here (with `timeouts` off nothing changes, as no try comes near its timeout).
describe('slow-network (real processes, bandwidth and slicer toxics on the shopper link)', () => {
  it('slows every phase with a toxic and fails nothing', async () => {
    const out = tempOut('slow-network')
    const result = await runCli(
      ['run', 'slow-network', '--duration', '6s', '--out', out, '--ci', '--no-slos'],
      {
        timeoutMs: 90_000,
      },
    )
    const report = readReport(out)
    expect(report.faultsInjected.map((f) => `${f.target}:${f.kind}`)).toEqual(
      expect.arrayContaining(['platform:toxic:bandwidth', 'platform:toxic:slicer', 'psp:toxic:latency']),
    )
    for (const slo of report.slos) expect(slo.actual, `${slo.name}: ${slo.reason ?? ''}`).toBeDefined()
    for (const slo of report.slos.filter((s) => s.metric === 'availability'))
      expect(slo.pass, `${slo.name}: ${slo.actual}\n${result.stdout}`).toBe(true)
    // The toxics acted: a checkout on the slow network takes longer than one before it (by over a second, idle).
    const p50 = (phase: string) => report.phases.find((p) => p.name === phase)?.latencyMs?.p50 ?? NaN
    expect(p50('slow'), result.stdout).toBeGreaterThan(p50('before'))
    expect(report.integrity.pass).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)
})
