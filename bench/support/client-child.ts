// A load generator in a process of its own, so the CPU it spends is read with process.cpuUsage()
// and charged to it alone (the server under test is another process). Started by the driver
// benches with startLineChild; each command runs one bounded load and answers its figures:
//   { cmd: 'closed', tool: 'driver' | 'reference' | 'autocannon', port, connections, seconds }
//   { cmd: 'open',   tool: 'driver' | 'reference', port, rate, seconds }
//   { cmd: 'memory', tool: 'driver' | 'reference', port, rate, seconds, everyS }  (needs --expose-gc)
import { stopwatch, systemClock } from '../../lib/clock.js'
import { driverLoad, type BenchWorkload } from './driver-load.js'
import { helloPlayer } from './hello-player.js'
import { serveLines } from './line-child.js'
import { referenceClosed, referenceOpen, type LoadRun } from './reference-load.js'

export type Tool = 'driver' | 'reference' | 'autocannon'

export interface ClientRun {
  tool: Tool
  /** Requests the server answered 200 / otherwise or not at all. */
  ok: number
  failed: number
  /** From the load's start to its last answer. */
  durationMs: number
  /** This process's CPU (user + system, every thread) over the whole command: pool setup included. */
  cpuUs: number
  run?: LoadRun
  /** Open model: journeys started per second between the first and the last start, as the player saw them. */
  playerRate?: number
  /** Memory command: RSS and live heap after a full GC, every `everyS` seconds from the start. */
  samples?: MemorySample[]
}

export interface MemorySample {
  atS: number
  rss: number
  heapUsed: number
}

type Command = {
  cmd: 'closed' | 'open' | 'memory'
  tool: Tool
  port: number
  connections?: number
  rate?: number
  seconds: number
  everyS?: number
}

const gc = (globalThis as { gc?: () => void }).gc

async function drive(command: Command): Promise<ClientRun> {
  const { tool, port, seconds } = command
  const durationMs = seconds * 1000
  if (tool === 'autocannon') return autocannonRun(port, command.connections ?? 64, seconds)
  const connections = command.connections ?? 64
  const now = stopwatch(systemClock).elapsed
  const player = helloPlayer(port, connections, now)
  const samples: MemorySample[] = []
  const sample = (): void => {
    gc?.()
    const memory = process.memoryUsage()
    samples.push({ atS: now() / 1000, rss: memory.rss, heapUsed: memory.heapUsed })
  }
  let sampler: NodeJS.Timeout | undefined
  if (command.cmd === 'memory') {
    if (!gc) throw new Error('the memory command needs node --expose-gc')
    sample()
    sampler = setInterval(sample, (command.everyS ?? 5) * 1000)
  }
  const cpu = process.cpuUsage()
  let run: LoadRun
  try {
    const workload: BenchWorkload =
      command.cmd === 'closed'
        ? { model: 'closed', vus: connections }
        : { model: 'open', rate: command.rate ?? 1000 }
    run =
      tool === 'driver'
        ? await driverLoad({ player, workload, durationMs, now })
        : workload.model === 'closed'
          ? await referenceClosed({ player, vus: workload.vus, durationMs, now })
          : await referenceOpen({ player, rate: workload.rate, durationMs, now })
    // The last sample while the pool is still open, so it is like the ones before it.
    if (command.cmd === 'memory') sample()
  } finally {
    if (sampler) clearInterval(sampler)
    await player.close()
  }
  const used = process.cpuUsage(cpu)
  const span = player.span()
  return {
    tool,
    ...player.counts(),
    durationMs: run.durationMs,
    cpuUs: used.user + used.system,
    run,
    playerRate: span.started > 1 ? ((span.started - 1) * 1000) / (span.last - span.first) : undefined,
    samples: command.cmd === 'memory' ? samples : undefined,
  }
}

interface AutocannonResult {
  '2xx': number
  non2xx: number
  errors: number
  timeouts: number
  duration: number
}

/** autocannon 8 in this process (its programmatic API, as its CLI runs it with one worker). */
async function autocannonRun(port: number, connections: number, seconds: number): Promise<ClientRun> {
  const moduleName = 'autocannon' // untyped package: imported by name so the compiler does not look for types
  const { default: autocannon } = (await import(moduleName)) as {
    default: (options: Record<string, unknown>) => Promise<AutocannonResult>
  }
  const cpu = process.cpuUsage()
  const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections, duration: seconds })
  const used = process.cpuUsage(cpu)
  return {
    tool: 'autocannon',
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    durationMs: result.duration * 1000,
    cpuUs: used.user + used.system,
  }
}

await serveLines({}, (command) => drive(command as unknown as Command))
