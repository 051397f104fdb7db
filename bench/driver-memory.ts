// Does the load driver keep anything per attempt? Its memory over a sustained open-model run:
//   node --import tsx bench/driver-memory.ts [--seconds N | --long] [--rate R]
// The driver at R arrivals a second (1,000) for N seconds (60; --long: 600) against a node:http
// hello-world, its RSS and live heap sampled every 5 s after a full GC (--expose-gc in its child
// process). Beside it, at the same time and rate, the plain setImmediate scheduler with the same
// player (it keeps nothing per attempt but a histogram): the baseline of the same run. The slope
// is a least-squares fit over the samples from 10 s on (the first seconds grow pools, JIT code and
// histograms); "flat" is a heap slope near the baseline's, far below one object per arrival.
import { slope, writeBenchResult } from './support/bench-result.js'
import type { ClientRun, MemorySample } from './support/client-child.js'
import { fmt } from './support/closed-loop.js'
import { benchArgs, benchChildren, errorLine } from './support/driver-bench.js'

const args = benchArgs()
const seconds = Number(args.value('--seconds') ?? (args.has('--long') ? 600 : 60))
const rate = Number(args.value('--rate') ?? 1000)
const everyS = 5
const settleS = 10
const connections = 64

type Tool = 'driver' | 'reference'

interface Fit {
  rssBytesPerS: number
  heapBytesPerS: number
  heapBytesPerArrival: number
  samples: MemorySample[]
}

function fit(samples: MemorySample[]): Fit {
  const kept = samples.filter((s) => s.atS >= settleS)
  const points = kept.length >= 2 ? kept : samples
  const heapBytesPerS = slope(points.map((s) => ({ x: s.atS, y: s.heapUsed })))
  return {
    rssBytesPerS: slope(points.map((s) => ({ x: s.atS, y: s.rss }))),
    heapBytesPerS,
    heapBytesPerArrival: heapBytesPerS / rate,
    samples,
  }
}

async function main(): Promise<void> {
  const children = benchChildren('driver-memory', (seconds + 90) * 1000)
  try {
    const server = await children.start('hello-child.ts')
    const port = Number(server.ready.port)
    const tools: Tool[] = ['driver', 'reference']
    const clients = await Promise.all(tools.map(() => children.start('client-child.ts', ['--expose-gc'])))
    process.stdout.write(
      `${fmt(rate)} arrivals/s for ${seconds} s, driver and plain setImmediate side by side; RSS and heap after a full GC every ${everyS} s\n`,
    )
    const runs = await Promise.allSettled(
      tools.map((tool, i) =>
        clients[i]!.ask<ClientRun>(
          { cmd: 'memory', tool, port, rate, connections, seconds, everyS },
          (seconds + 60) * 1000,
        ),
      ),
    )
    const fits = new Map<Tool, Fit>()
    const errors = new Map<Tool, string>()
    runs.forEach((run, i) => {
      const tool = tools[i]!
      if (run.status === 'fulfilled') fits.set(tool, fit(run.value.samples ?? []))
      else errors.set(tool, errorLine(run.reason))
    })

    const mb = (bytes: number): string => fmt(bytes / 1048576, 1)
    const driver = fits.get('driver')
    const reference = fits.get('reference')
    process.stdout.write(
      `\n${'at s'.padStart(5)}  ${'driver RSS / heap MB'.padStart(22)}  ${'plain RSS / heap MB'.padStart(22)}\n`,
    )
    const times = (driver ?? reference)?.samples.map((s) => s.atS) ?? []
    times.forEach((at, i) => {
      const cell = (f?: Fit): string => {
        const s = f?.samples[i]
        return (s ? `${mb(s.rss)} / ${mb(s.heapUsed)}` : '—').padStart(22)
      }
      process.stdout.write(`${fmt(at).padStart(5)}  ${cell(driver)}  ${cell(reference)}\n`)
    })
    process.stdout.write(
      `\n${'scheduler'.padEnd(20)} ${'RSS B/s'.padStart(10)} ${'heap B/s'.padStart(10)} ${'heap B/arrival'.padStart(15)}\n`,
    )
    for (const tool of tools) {
      const f = fits.get(tool)
      const name = tool === 'driver' ? 'driver' : 'plain setImmediate'
      if (!f) {
        process.stdout.write(`${name.padEnd(20)} unavailable: ${errors.get(tool)}\n`)
        continue
      }
      process.stdout.write(
        `${name.padEnd(20)} ${fmt(f.rssBytesPerS).padStart(10)} ${fmt(f.heapBytesPerS).padStart(10)} ${fmt(f.heapBytesPerArrival, 2).padStart(15)}\n`,
      )
    }
    process.stdout.write(
      `slopes: least squares over the samples from ${settleS} s on. A kept object per arrival would show as tens of bytes per arrival or more.\n`,
    )
    const file = writeBenchResult('driver-memory', {
      config: { seconds, rate, everyS, settleS, connections },
      results: Object.fromEntries(tools.map((t) => [t, fits.get(t) ?? { error: errors.get(t) }])),
    })
    process.stdout.write(`results: ${file}\n`)
  } finally {
    await children.close()
  }
}

await main()
