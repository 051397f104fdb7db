import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scratchDir } from '../stack/local-addresses.js'
import { sweepOrphanRunDirs } from '../stack/run-dirs.js'
import { descendants, isAlive, killAll, readReport, startCli, tempOut, until } from './run-cli.js'

afterAll(killAll)

/** The embedded-database directories the run with this pid made. */
function runDirsOf(pid: number): string[] {
  return readdirSync(scratchDir())
    .filter((name) => name.startsWith(`gameday-db-${pid}-`))
    .map((name) => join(scratchDir(), name))
}

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
    const report = readReport(out)
    expect(report.load.checkoutsAttempted).toBeGreaterThan(0)
    expect(report.interrupted).toBe(true)
    // The figures cover the time that ran: no phase past the stop, so the rate is not diluted.
    const last = report.phases.at(-1)
    expect(last?.endMs).toBeLessThanOrEqual(report.durationMs + 1)
    expect(report.load.achievedRate).toBeGreaterThan(report.load.targetRate * 0.5)
    expect(await until(() => children.every((pid) => !isAlive(pid)), 5_000)).toBe(true)
  })

  it('stops cleanly when its output is closed (| head): exit 2, a report, no process or database left', async () => {
    const out = tempOut('epipe')
    const run = startCli(['run', 'baseline', '--duration', '20s', '--rate', '5', '--out', out, '--ci'])
    expect(await until(() => /ok\s+[1-9]/.test(run.output()), 20_000)).toBe(true)
    const children = descendants(run.child.pid as number)
    run.child.stdout?.destroy()
    const result = await run.done
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr).not.toContain('EPIPE')
    expect(readReport(out).interrupted).toBe(true)
    expect(await until(() => children.every((pid) => !isAlive(pid)), 5_000)).toBe(true)
    expect(runDirsOf(run.child.pid as number)).toEqual([])
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
    // Its database directory outlives it (nothing of it ran to remove it); the next run sweeps it.
    const left = runDirsOf(run.child.pid as number)
    expect(left).toHaveLength(1)
    expect(await sweepOrphanRunDirs()).toEqual(expect.arrayContaining(left))
    expect(runDirsOf(run.child.pid as number)).toEqual([])
  })
})
