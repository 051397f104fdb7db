import { Toxiproxy } from 'toxiproxy-node-client'
import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, startCli, tempOut, until } from './run-cli.js'

afterAll(killAll)

// A team's shared Toxiproxy (here `gameday proxy`, standing in for toxiproxy-server) used by runs
// through TOXIPROXY_URL: each run's proxies carry its prefix and are gone when it ends — even
// when it was SIGKILLed, the next run sweeps them.
describe('game days on a shared Toxiproxy (TOXIPROXY_URL)', () => {
  it('leaves no proxy behind, even after a run was SIGKILLed', async () => {
    const server = startCli(['proxy', '--port', '0'], { timeoutMs: 120_000 })
    expect(await until(() => /listening on (http:\/\/\S+)/.test(server.output()), 15_000)).toBe(true)
    const url = /listening on (http:\/\/\S+)/.exec(server.output())?.[1] as string
    const toxiproxy = new Toxiproxy(url)
    const env = { TOXIPROXY_URL: url }
    const names = async () => Object.keys(await toxiproxy.getAll())

    const killed = startCli(
      ['run', 'baseline', '--duration', '20s', '--rate', '5', '--out', tempOut('shared-killed')],
      { env },
    )
    expect(await until(async () => (await names()).length >= 2, 20_000)).toBe(true)
    const leftBehind = await names()
    expect(leftBehind.every((n) => /^gd-[0-9a-f]{4}-\d+-[0-9a-f]{6}-/.test(n))).toBe(true)
    killed.child.kill('SIGKILL')
    await killed.done

    const out = tempOut('shared-next')
    const next = await runCli(['run', 'psp-latency-spike', '--duration', '2s', '--out', out], { env })
    expect(next.stdout).toMatch(/left on the proxy by a run that was killed/)
    // The next run's own latency toxic went through the shared server...
    expect(readReport(out).faultsInjected[0]?.kind).toBe('toxic:latency')
    // ...and neither its proxies nor the killed run's remain.
    expect(await names()).toEqual([])

    server.child.kill('SIGTERM')
    expect((await server.done).code).toBe(0)
  }, 120_000)
})
