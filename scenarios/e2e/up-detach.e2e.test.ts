import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { request } from 'undici'
import { afterAll, describe, expect, it } from 'vitest'
import { descendants, isAlive, runCli, tempOut, until } from './run-cli.js'

const started: number[] = []
afterAll(() => {
  for (const pid of started) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
})

const anyPorts = ['platform', 'psp', 'tax', 'fraud', 'proxy'].flatMap((name) => [`--${name}-port`, '0'])

/** A CI job that starts the stack in one step and uses it in the next: the one stack that outlives its caller. */
// Linux: the stack's processes are read from /proc.
describe.runIf(process.platform === 'linux')('gameday up --detach', () => {
  it('returns once the stack serves, keeps it after the command is gone, and stops it on kill PID', async () => {
    const dir = tempOut('detach')
    const pidFile = join(dir, 'gameday.pid')
    const result = await runCli(['up', '--detach', '--json', '--pid-file', pidFile, ...anyPorts], {
      timeoutMs: 90_000,
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    const endpoints = JSON.parse(result.stdout.split('\n')[0] as string) as { platform: string; pid: number }
    const pid = Number(readFileSync(pidFile, 'utf8'))
    started.push(pid)
    expect(endpoints.pid).toBe(pid)

    // The command that started it has exited; the stack still serves.
    const children = descendants(pid)
    for (const child of children) started.push(child)
    expect(children.length).toBeGreaterThanOrEqual(2)
    const health = await request(`${endpoints.platform}/v1/products`)
    await health.body.dump()
    expect(health.statusCode).toBe(200)

    process.kill(pid, 'SIGTERM')
    expect(await until(() => [pid, ...children].every((p) => !isAlive(p)), 15_000)).toBe(true)
  }, 120_000)

  it('says why when the stack cannot start, exit 2', async () => {
    const result = await runCli(
      ['up', '--detach', '--db', 'postgres://nobody@127.0.0.1:1/none', ...anyPorts],
      {
        timeoutMs: 90_000,
      },
    )
    expect(result.code, result.stdout + result.stderr).toBe(2)
    expect(result.stderr).toContain('gameday up --detach: the stack exited')
  }, 120_000)
})
