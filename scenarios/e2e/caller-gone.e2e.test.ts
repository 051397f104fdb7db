import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { descendants, isAlive, readReport, tempOut, until } from './run-cli.js'

/**
 * What a CI runner does on cancel or timeout: it signals the process it started — here `npx`,
 * which does not pass signals on to gameday. gameday watches its launchers and stops its stack
 * like on Ctrl-C when they go.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url))
const launched = new Set<number>()
afterAll(() => {
  for (const pid of launched) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
})

function npx(args: string[]) {
  const child = spawn('npx', ['--no-install', 'gameday', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1' },
  })
  let stdout = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.resume()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return { child, exited, output: () => stdout }
}

/** Every process under npx, and the stack's processes under them, recorded while they run. */
function tree(pid: number): number[] {
  const pids = descendants(pid)
  for (const p of pids) launched.add(p)
  return pids
}

const anyPorts = ['platform', 'psp', 'tax', 'fraud', 'proxy'].flatMap((name) => [`--${name}-port`, '0'])

// Linux: the process tree is read from /proc.
describe.runIf(process.platform === 'linux')('a stack launched through npx follows npx', () => {
  it.each(['SIGTERM', 'SIGKILL', 'SIGINT'] as const)(
    'gameday up: %s to npx stops the whole stack',
    async (signal) => {
      const up = npx(['up', '--json', ...anyPorts])
      expect(await until(() => up.output().includes('\n'), 40_000)).toBe(true)
      const stack = tree(up.child.pid as number)
      // npm, sh -c, gameday, its two children at least.
      expect(stack.length).toBeGreaterThanOrEqual(3)
      up.child.kill(signal)
      await up.exited
      expect(
        await until(() => stack.every((pid) => !isAlive(pid)), 15_000),
        `left: ${stack.filter(isAlive)}`,
      ).toBe(true)
    },
    90_000,
  )

  it('gameday proxy: SIGTERM to npx stops the server', async () => {
    const proxy = npx(['proxy', '--port', '0'])
    expect(await until(() => proxy.output().includes('listening on'), 40_000)).toBe(true)
    const stack = tree(proxy.child.pid as number)
    proxy.child.kill('SIGTERM')
    await proxy.exited
    expect(
      await until(() => stack.every((pid) => !isAlive(pid)), 15_000),
      `left: ${stack.filter(isAlive)}`,
    ).toBe(true)
  }, 90_000)

  it('gameday run: SIGTERM to npx heals, writes a report marked interrupted, leaves no process', async () => {
    const out = tempOut('npx-term')
    const run = npx(['run', 'psp-latency-spike', '--duration', '30s', '--rate', '5', '--out', out, '--ci'])
    expect(await until(() => run.output().includes('fault on psp'), 40_000)).toBe(true)
    const stack = tree(run.child.pid as number)
    run.child.kill('SIGTERM')
    await run.exited
    expect(
      await until(() => stack.every((pid) => !isAlive(pid)), 20_000),
      `left: ${stack.filter(isAlive)}`,
    ).toBe(true)
    const report = readReport(out)
    expect(report.interrupted).toBe(true)
    expect(report.durationMs).toBeLessThan(30_000)
    // The fault on the PSP link was healed on the way out, not left for the next run.
    const fault = report.faultsInjected.find((f) => f.target === 'psp')
    expect(fault?.toMs).toBeGreaterThan(fault?.fromMs ?? Infinity)
  }, 120_000)
})
