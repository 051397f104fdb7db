import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// The broker link is slowed then cut; the OrderPaid backlog builds in the outbox and drains after.
describe('queue-backlog (real processes, the embedded broker behind its link)', () => {
  it('builds a backlog while the broker is cut, drains it after, and loses no event', async () => {
    const out = tempOut('queue-backlog')
    // The embedded broker whatever the environment says: this is the no-install path.
    const result = await runCli(['run', 'queue-backlog', '--out', out, '--ci', '--no-slos'], {
      timeoutMs: 90_000,
      env: { NATS_URL: '' },
    })
    const report = readReport(out)
    expect(report.faultsInjected.some((f) => f.target === 'broker' && f.kind === 'link:down')).toBe(true)
    expect(report.queue?.maxBacklog, result.stdout).toBeGreaterThan(10)
    const cut = report.queue?.drains.find((d) => d.kind === 'link:down')
    expect(cut?.drainMs, result.stdout).toBeDefined()
    expect(cut?.drainMs, result.stdout).toBeLessThan(10_000)
    expect(report.integrity.lostEvents, result.stdout).toBe(0)
    expect(report.integrity.pass, result.stdout).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 90_000)
})
