import { afterAll, describe, expect, it } from 'vitest'
import { descendants, isAlive, killAll, readReport, startCli, tempOut, until } from './run-cli.js'

afterAll(killAll)

describe('interrupting a game day', () => {
  it('stops cleanly on SIGINT: heals, writes a partial report, exits 2, leaves no process', async () => {
    const out = tempOut('sigint')
    const run = startCli(['run', 'baseline', '--duration', '20s', '--rate', '5', '--out', out, '--ci'])
    expect(await until(() => /ok\s+[1-9]/.test(run.output()), 20_000)).toBe(true)
    const children = descendants(run.child.pid as number)
    expect(children.length).toBeGreaterThanOrEqual(2)
    run.child.kill('SIGINT')
    const result = await run.done
    expect(result.code, result.stdout + result.stderr).toBe(2)
    expect(readReport(out).load.checkoutsAttempted).toBeGreaterThan(0)
    expect(await until(() => children.every((pid) => !isAlive(pid)), 5_000)).toBe(true)
  })

  it('survives a terminal Ctrl-C (SIGINT to its whole process group) with a full report', async () => {
    const out = tempOut('ctrl-c')
    const run = startCli(['run', 'psp-latency-spike', '--out', out], { ownProcessGroup: true })
    expect(await until(() => /fault on psp/.test(run.output()), 20_000)).toBe(true)
    const children = descendants(run.child.pid as number)
    process.kill(-(run.child.pid as number), 'SIGINT')
    const result = await run.done
    expect(result.code, result.stdout + result.stderr).toBe(2)
    const report = readReport(out)
    // The children were not hit by the terminal's signal: the ledger and orders were still read.
    expect(report.integrity.duplicateCharges).toBe(0)
    expect(report.faultsInjected[0]?.toMs).toBeGreaterThan(report.faultsInjected[0]?.fromMs ?? Infinity)
    expect(await until(() => children.every((pid) => !isAlive(pid)), 5_000)).toBe(true)
  })

  it('leaves no process behind when the runner is SIGKILLed', async () => {
    const run = startCli([
      'run',
      'baseline',
      '--duration',
      '20s',
      '--rate',
      '5',
      '--out',
      tempOut('sigkill'),
      '--ci',
    ])
    expect(await until(() => /ok\s+[1-9]/.test(run.output()), 20_000)).toBe(true)
    const children = descendants(run.child.pid as number)
    expect(children.length).toBeGreaterThanOrEqual(2)
    run.child.kill('SIGKILL')
    await run.done
    expect(await until(() => children.every((pid) => !isAlive(pid)), 5_000)).toBe(true)
  })
})
