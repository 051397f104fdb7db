import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The PSP hangs for 12 s. With circuit-breaker on, checkouts fail fast once it opens; with it
// off each waits out its tries. Both runs play at once and are compared with each other, so a
// slow machine slows both.
describe('psp-outage (real processes, the PSP hangs)', () => {
  it('fails fast behind an open breaker, and slowly without one', async () => {
    const onOut = tempOut('outage-on')
    const offOut = tempOut('outage-off')
    const [on, off] = await Promise.all([
      runCli(['run', 'psp-outage', '--out', onOut, '--ci'], { timeoutMs: 120_000 }),
      runCli(['run', 'psp-outage', '--out', offOut, '--ci', '--safeguard', 'circuit-breaker=off'], {
        timeoutMs: 120_000,
      }),
    ])
    const onReport = readReport(onOut)
    const offReport = readReport(offOut)
    const p50 = (report: typeof onReport) =>
      report.phases.find((p) => p.name === 'outage')?.latencyMs?.p50 ?? NaN

    // On: the breaker opened during the outage and closed again after it.
    const psp = (onReport.breakers ?? []).filter((s) => s.vendor === 'psp')
    expect(
      psp.some((s) => s.state === 'open'),
      on.stdout,
    ).toBe(true)
    expect(psp.at(-1)?.state, on.stdout).toBe('closed')
    expect(onReport.integrity.pass, on.stdout).toBe(true)
    // Off: no breaker to open, and every checkout of the outage waited.
    expect((offReport.breakers ?? []).filter((s) => s.vendor === 'psp').map((s) => s.state)).toEqual([
      'disabled',
    ])
    expect(p50(onReport) * 3, `${on.stdout}\n${off.stdout}`).toBeLessThan(p50(offReport))
    expect(offReport.slos.find((s) => s.phase === 'outage')?.pass).toBe(false)
    expect(off.code, off.stdout + off.stderr).toBe(1)
  }, 120_000)
})
