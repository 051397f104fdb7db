// The load driver as an open-model load generator: does it start arrivals when they are due?
//   node --import tsx bench/driver-open.ts [--quick] [--runs N] [--seconds S] [--rates 1000,5000]
// At each rate (1,000/s and 5,000/s), N times (3) for S seconds (5), alternating: the driver
// (one constant-arrival-rate workload, every journey one GET / on an undici Pool of 64
// connections) and, as the baseline of the same run, a plain setImmediate scheduler with the same
// player (it polls a whole core: its lag is the floor an event-loop scheduler reaches here). Both
// run in a child process of their own against a node:http hello-world in another.
// Targets (the driver's issue): achieved rate within ±0.5% of the target; send lag p99 ≤ 0.5 ms
// at 1,000/s and ≤ 1.5 ms at 5,000/s.
import { writeBenchResult } from './support/bench-result.js'
import type { ClientRun } from './support/client-child.js'
import { fmt, median } from './support/closed-loop.js'
import { busiestProfileText, profileFlags } from './support/cpu-profile.js'
import { benchArgs, benchChildren, errorLine } from './support/driver-bench.js'
import type { LineChild } from './support/line-child.js'

const args = benchArgs()
const seconds = Number(args.value('--seconds') ?? (args.has('--quick') ? 2 : 5))
const runs = Number(args.value('--runs') ?? 3)
const rates = (args.value('--rates') ?? '1000,5000').split(',').map(Number)
const connections = 64
const overallLimitMs = 280_000
/** --profile: the driver's child runs under --cpu-prof; its hot spots are printed at the end. */
const profile = args.has('--profile') ? profileFlags('driver-open') : undefined
/** p99 send-lag targets by rate, ms; rates between take the next one up. */
const lagTargets: Array<[rate: number, p99Ms: number]> = [
  [1000, 0.5],
  [5000, 1.5],
]
const lagTarget = (rate: number): number | undefined => lagTargets.find(([r]) => rate <= r)?.[1]

type Tool = 'driver' | 'reference'

interface Measured {
  /** Arrivals started per second of the schedule, as the scheduler counted them. */
  achievedRate: number
  /** Journeys started per second between the first and the last, as the player saw them. */
  playerRate: number
  scheduled: number
  started: number
  dropped: number
  lagP50: number
  lagP99: number
  lagMax: number
  failed: number
  cpuUsPerRequest: number
}

async function main(): Promise<void> {
  const children = benchChildren('driver-open', overallLimitMs)
  let profiledPid: number | undefined
  try {
    const server = await children.start('hello-child.ts')
    const port = Number(server.ready.port)
    const tools: Tool[] = ['driver', 'reference']
    const clients = new Map<Tool, LineChild>()
    for (const tool of tools) {
      const nodeFlags = tool === 'driver' && profile ? profile.flags : []
      const child = await children.start('client-child.ts', nodeFlags)
      if (nodeFlags.length) profiledPid = child.pid
      clients.set(tool, child)
    }
    const once = async (tool: Tool, rate: number, runSeconds: number): Promise<Measured> => {
      const run = await clients
        .get(tool)!
        .ask<ClientRun>(
          { cmd: 'open', tool, port, rate, connections, seconds: runSeconds },
          (runSeconds + 30) * 1000,
        )
      const schedule = run.run!
      return {
        achievedRate: schedule.started / runSeconds,
        playerRate: run.playerRate ?? 0,
        scheduled: schedule.scheduled,
        started: schedule.started,
        dropped: schedule.dropped,
        lagP50: schedule.lagMs?.p50 ?? NaN,
        lagP99: schedule.lagMs?.p99 ?? NaN,
        lagMax: schedule.lagMs?.max ?? NaN,
        failed: run.failed,
        cpuUsPerRequest: run.cpuUs / Math.max(1, run.ok + run.failed),
      }
    }
    const errors = new Map<Tool, string>()
    for (const tool of tools) {
      try {
        await once(tool, rates[0] ?? 1000, 1)
      } catch (error) {
        errors.set(tool, errorLine(error))
      }
    }
    process.stdout.write(`runs: ${runs} × ${seconds} s per rate, alternating driver and reference, medians\n`)
    const results = new Map<string, Measured[]>()
    for (const rate of rates) {
      for (let round = 0; round < runs; round++) {
        const order = round % 2 === 0 ? tools : [...tools].reverse()
        for (const tool of order) {
          if (errors.has(tool)) continue
          try {
            const key = `${tool}@${rate}`
            results.set(key, [...(results.get(key) ?? []), await once(tool, rate, seconds)])
          } catch (error) {
            errors.set(tool, errorLine(error))
          }
        }
      }
    }

    const summarise = (list: Measured[]) => ({
      achievedRate: median(list.map((r) => r.achievedRate)),
      playerRate: median(list.map((r) => r.playerRate)),
      lagMs: {
        p50: median(list.map((r) => r.lagP50)),
        p99: median(list.map((r) => r.lagP99)),
        max: median(list.map((r) => r.lagMax)),
      },
      cpuUsPerRequest: median(list.map((r) => r.cpuUsPerRequest)),
      failed: list.reduce((s, r) => s + r.failed, 0),
      dropped: list.reduce((s, r) => s + r.dropped, 0),
      runs: list,
    })
    const head = [
      'scheduler'.padEnd(22),
      'target/s'.padStart(8),
      'started/s'.padStart(10),
      'error'.padStart(7),
      'seen/s'.padStart(8),
      'lag p50'.padStart(8),
      'p99'.padStart(7),
      'max'.padStart(7),
      'µs/req'.padStart(7),
      'failed'.padStart(7),
      'dropped'.padStart(8),
    ]
    process.stdout.write(`\n${head.join(' ')}\n`)
    const out: Record<string, unknown> = {}
    const verdicts: string[] = []
    for (const rate of rates) {
      for (const tool of tools) {
        const list = results.get(`${tool}@${rate}`) ?? []
        const name = tool === 'driver' ? 'driver' : 'plain setImmediate'
        if (list.length === 0) {
          process.stdout.write(
            `${name.padEnd(22)} ${fmt(rate).padStart(8)} unavailable: ${errors.get(tool) ?? 'no runs'}\n`,
          )
          out[`${tool}@${rate}`] = { error: errors.get(tool) ?? 'no runs' }
          continue
        }
        const s = summarise(list)
        out[`${tool}@${rate}`] = s
        const rateError = s.achievedRate / rate - 1
        process.stdout.write(
          [
            name.padEnd(22),
            fmt(rate).padStart(8),
            fmt(s.achievedRate, 1).padStart(10),
            `${fmt(rateError * 100, 2)}%`.padStart(7),
            fmt(s.playerRate, 1).padStart(8),
            fmt(s.lagMs.p50, 3).padStart(8),
            fmt(s.lagMs.p99, 3).padStart(7),
            fmt(s.lagMs.max, 2).padStart(7),
            fmt(s.cpuUsPerRequest, 1).padStart(7),
            String(s.failed).padStart(7),
            String(s.dropped).padStart(8),
          ].join(' ') + '\n',
        )
        if (tool === 'driver') {
          const target = lagTarget(rate)
          const rateOk = Math.abs(rateError) <= 0.005
          const lagOk = target === undefined || s.lagMs.p99 <= target
          verdicts.push(
            `${fmt(rate)}/s: rate ${fmt(rateError * 100, 2)}% (${rateOk ? 'met' : 'MISSED'}, ±0.5%)` +
              (target === undefined
                ? ''
                : `; lag p99 ${fmt(s.lagMs.p99, 3)} ms (${lagOk ? 'met' : 'MISSED'}, ≤ ${target} ms)`),
          )
        }
      }
    }
    process.stdout.write(
      `\n${verdicts.join('\n')}${verdicts.length ? '\n' : ''}` +
        "started/s: arrivals the scheduler started ÷ the phase's seconds; seen/s: starts per second between the player's first and last; lag in ms; µs/req: the client process's CPU per request.\n",
    )
    const file = writeBenchResult('driver-open', {
      config: { runs, seconds, rates, connections },
      results: out,
      targets: { rateError: 0.005, lagP99Ms: Object.fromEntries(lagTargets) },
    })
    process.stdout.write(`results: ${file}\n`)
  } finally {
    await children.close()
    const hot = profile && profiledPid ? busiestProfileText(profile.dir, profiledPid) : undefined
    if (hot) process.stdout.write(`\nthe driver's child, profiled (${hot.file}):\n${hot.text}\n`)
  }
}

await main()
