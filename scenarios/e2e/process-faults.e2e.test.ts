import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

describe.concurrent('process faults on the platform (real processes)', () => {
  it('crashes the platform with SIGKILL, restarts it, and loses no order and charges nothing twice', async () => {
    const out = tempOut('restart')
    await runCli(['run', 'platform-restart', '--duration', '8s', '--out', out], { timeoutMs: 90_000 })
    const report = readReport(out)
    const fault = report.faultsInjected.find((f) => f.kind === 'process:kill')
    expect(fault?.target).toBe('platform-process')
    expect(fault && fault.toMs > fault.fromMs).toBe(true)
    const phase = (name: string) => report.phases.find((p) => p.name === name)
    // Shoppers who arrived while it was down waited for the restart (retrying with their keys)...
    expect(phase('crash')?.latencyMs?.max).toBeGreaterThan(500)
    // ...and most of them got through once it was back.
    expect(phase('crash')?.availability).toBeGreaterThanOrEqual(0.8)
    expect(phase('after')?.load.checkoutsSucceeded).toBeGreaterThan(0)
    expect(report.integrity.duplicateCharges).toBe(0)
    expect(report.integrity.lostOrders).toBe(0)
  }, 90_000)

  it('stalls the platform with SIGSTOP and charges the stall to latency, losing nothing', async () => {
    const out = tempOut('pause')
    const result = await runCli(['run', 'platform-pause', '--out', out], { timeoutMs: 90_000 })
    const report = readReport(out)
    const phase = (name: string) => report.phases.find((p) => p.name === name)
    expect(report.faultsInjected.find((f) => f.kind === 'process:pause')).toBeDefined()
    // Arrivals during a 1.5 s stall wait for it: the open-model driver shows it as latency.
    expect(phase('stall')?.latencyMs?.max).toBeGreaterThan(1_000)
    expect(phase('stall')?.latencyMs?.max).toBeGreaterThan(2 * (phase('before')?.latencyMs?.p50 ?? Infinity))
    expect(report.slos.find((s) => s.phase === 'stall')?.pass).toBe(false)
    expect(report.load.checkoutsFailed).toBe(0)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 90_000)
})
