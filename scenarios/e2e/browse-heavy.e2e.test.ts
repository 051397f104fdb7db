import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// Mostly reads (6 browse : 3 view : 1 checkout) at 60 journeys a second. --no-slos: the suite
// shares two cores with other game days, so the latency budgets would measure the runner; they are
// still measured (below), checkout availability is asserted, and the integrity checks decide the
// exit code. One direction only: no fault and no safeguard is in play.
describe('browse-heavy (real processes, a read-heavy mix)', () => {
  it('serves the reads and keeps checkouts available beside them', async () => {
    const out = tempOut('browse-heavy')
    const result = await runCli(
      ['run', 'browse-heavy', '--duration', '5s', '--out', out, '--ci', '--no-slos'],
      {
        timeoutMs: 90_000,
      },
    )
    const report = readReport(out)
    const sent = (operation: string) => report.operations?.[operation]?.attempted ?? 0
    expect(sent('checkout')).toBeGreaterThan(0)
    expect(sent('browse') + sent('view'), result.stdout).toBeGreaterThan(4 * sent('checkout'))
    for (const slo of report.slos) expect(slo.actual, `${slo.name}: ${slo.reason ?? ''}`).toBeDefined()
    const availability = report.slos.find((s) => s.metric === 'availability' && s.phase === 'steady')
    expect(availability?.pass, `${availability?.actual}\n${result.stdout}`).toBe(true)
    expect(report.integrity.pass).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)
})
