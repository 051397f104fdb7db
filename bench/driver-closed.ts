// The load driver as a closed-model load generator, beside wrk and autocannon, in the same run:
//   node --import tsx bench/driver-closed.ts [--quick] [--runs N] [--seconds S] [--connections C]
// Against a node:http hello-world on 127.0.0.1 (a child process of its own), each client drives
// C connections (64) for S seconds (5), in rotating order, N times (3): wrk -t1; autocannon 8
// (its API, one worker, in a child process); the driver (constant-vus C, think time 0, a minimal
// player: one GET / on an undici Pool of C connections); and the same player in a plain loop of C
// (the driver's floor: what the player and undici cost without it). Each client's CPU is its own:
// process.cpuUsage() in its child, or the CPU the shell that reaped wrk was charged for it.
// Targets (the driver's issue): driver/wrk req/s ≥ 0.9; driver/autocannon CPU per request ≤ 1.2.
import { writeBenchResult } from './support/bench-result.js'
import type { ClientRun, Tool } from './support/client-child.js'
import { fmt, median } from './support/closed-loop.js'
import { busiestProfileText, profileFlags } from './support/cpu-profile.js'
import { benchArgs, benchChildren, errorLine } from './support/driver-bench.js'
import type { LineChild } from './support/line-child.js'
import { hasWrk, wrkRun } from './support/wrk-run.js'

const args = benchArgs()
const seconds = Number(args.value('--seconds') ?? (args.has('--quick') ? 2 : 5))
const runs = Number(args.value('--runs') ?? 3)
const connections = Number(args.value('--connections') ?? 64)
const overallLimitMs = 280_000
/** --profile: the driver's child runs under --cpu-prof; its hot spots are printed at the end. */
const profile = args.has('--profile') ? profileFlags('driver-closed') : undefined

type Client = 'wrk' | Tool

interface Measured {
  rps: number
  requests: number
  failed: number
  clientCpuUsPerRequest: number
  serverCpuUsPerRequest: number
}

async function main(): Promise<void> {
  const children = benchChildren('driver-closed', overallLimitMs)
  let profiledPid: number | undefined
  try {
    const server = await children.start('hello-child.ts')
    const port = Number(server.ready.port)
    const clients: Client[] = [...(hasWrk() ? (['wrk'] as const) : []), 'autocannon', 'driver', 'reference']
    const clientChild = new Map<Client, LineChild>()
    for (const client of clients) {
      if (client === 'wrk') continue
      const nodeFlags = client === 'driver' && profile ? profile.flags : []
      const child = await children.start('client-child.ts', nodeFlags)
      if (nodeFlags.length) profiledPid = child.pid
      clientChild.set(client, child)
    }
    const serverCpu = (): Promise<{ cpuUs: number; requests: number }> => server.ask({ cmd: 'cpu' }, 5_000)

    const once = async (client: Client, runSeconds: number): Promise<Measured> => {
      const before = await serverCpu()
      let requests: number
      let failed: number
      let durationMs: number
      let cpuUs: number
      if (client === 'wrk') {
        const run = await wrkRun(`http://127.0.0.1:${port}/`, {
          threads: 1,
          connections,
          seconds: runSeconds,
        })
        ;({ requests, durationMs, cpuUs } = run)
        failed = run.errors
      } else {
        const run = await clientChild
          .get(client)!
          .ask<ClientRun>(
            { cmd: 'closed', tool: client, port, connections, seconds: runSeconds },
            (runSeconds + 30) * 1000,
          )
        requests = run.ok + run.failed
        ;({ failed, durationMs, cpuUs } = run)
      }
      const after = await serverCpu()
      return {
        rps: (requests * 1000) / durationMs,
        requests,
        failed,
        clientCpuUsPerRequest: cpuUs / Math.max(1, requests),
        serverCpuUsPerRequest: (after.cpuUs - before.cpuUs) / Math.max(1, after.requests - before.requests),
      }
    }

    const results = new Map<Client, Measured[]>(clients.map((c) => [c, []]))
    const errors = new Map<Client, string>()
    process.stdout.write(
      `runs: ${runs} × ${seconds} s, ${connections} connections, rotating order, medians\n`,
    )
    // Warm-up: the server's and each client's JIT, and the connections' first handshakes.
    for (const client of clients) {
      try {
        await once(client, 1)
      } catch (error) {
        errors.set(client, errorLine(error))
      }
    }
    for (let round = 0; round < runs; round++) {
      const order = clients.map((_, i) => clients[(i + round) % clients.length]!)
      for (const client of order) {
        if (errors.has(client)) continue
        try {
          results.get(client)!.push(await once(client, seconds))
        } catch (error) {
          errors.set(client, errorLine(error))
        }
      }
    }

    const summary = (client: Client) => {
      const list = results.get(client) ?? []
      if (list.length === 0) return undefined
      return {
        rps: median(list.map((r) => r.rps)),
        clientCpuUsPerRequest: median(list.map((r) => r.clientCpuUsPerRequest)),
        serverCpuUsPerRequest: median(list.map((r) => r.serverCpuUsPerRequest)),
        failed: list.reduce((s, r) => s + r.failed, 0),
        runs: list,
      }
    }
    const label: Record<Client, string> = {
      wrk: 'wrk -t1',
      autocannon: 'autocannon 8',
      driver: 'driver (constant-vus)',
      reference: 'plain loop, same player',
    }
    process.stdout.write(
      `\n${'client'.padEnd(26)} ${'req/s'.padStart(9)} ${'client µs/req'.padStart(14)} ${'server µs/req'.padStart(14)} ${'failed'.padStart(7)}\n`,
    )
    for (const client of clients) {
      const s = summary(client)
      if (!s) {
        process.stdout.write(`${label[client].padEnd(26)} unavailable: ${errors.get(client) ?? 'no runs'}\n`)
        continue
      }
      process.stdout.write(
        `${label[client].padEnd(26)} ${fmt(s.rps).padStart(9)} ${fmt(s.clientCpuUsPerRequest, 1).padStart(14)} ${fmt(s.serverCpuUsPerRequest, 1).padStart(14)} ${String(s.failed).padStart(7)}\n`,
      )
    }
    const ours = summary('driver')
    const wrk = summary('wrk')
    const cannon = summary('autocannon')
    const plain = summary('reference')
    const ratios = {
      rpsVsWrk: ours && wrk ? ours.rps / wrk.rps : undefined,
      cpuPerRequestVsAutocannon:
        ours && cannon ? ours.clientCpuUsPerRequest / cannon.clientCpuUsPerRequest : undefined,
      cpuPerRequestVsPlainLoop:
        ours && plain ? ours.clientCpuUsPerRequest / plain.clientCpuUsPerRequest : undefined,
    }
    const verdict = (value: number | undefined, ok: (v: number) => boolean): string =>
      value === undefined ? 'n/a' : `${fmt(value, 2)} (${ok(value) ? 'met' : 'MISSED'})`
    process.stdout.write(
      `\ndriver/wrk req/s: ${verdict(ratios.rpsVsWrk, (v) => v >= 0.9)} — target ≥ 0.90\n` +
        `driver/autocannon client CPU per request: ${verdict(ratios.cpuPerRequestVsAutocannon, (v) => v <= 1.2)} — target ≤ 1.20\n` +
        `driver/plain loop client CPU per request: ${ratios.cpuPerRequestVsPlainLoop === undefined ? 'n/a' : fmt(ratios.cpuPerRequestVsPlainLoop, 2)} (the driver's own share above its player)\n` +
        'req/s is shared: client and server split the 2 cores; "client µs/req" is what each client spent per request, all its threads.\n',
    )
    const file = writeBenchResult('driver-closed', {
      config: { runs, seconds, connections },
      clients: Object.fromEntries(
        clients.map((c) => [c, summary(c) ?? { error: errors.get(c) ?? 'no runs' }]),
      ),
      ratios,
      targets: { rpsVsWrk: 0.9, cpuPerRequestVsAutocannon: 1.2 },
    })
    process.stdout.write(`results: ${file}\n`)
  } finally {
    await children.close()
    const hot = profile && profiledPid ? busiestProfileText(profile.dir, profiledPid) : undefined
    if (hot) process.stdout.write(`\nthe driver's child, profiled (${hot.file}):\n${hot.text}\n`)
  }
}

await main()
