// Checkouts/s through the whole saga (tax quote → fraud → PSP authorise → capture → tax commit,
// every vendor behind its own proxy link, no faults), its checkout latency and the CPU each
// process spends per checkout, against today's PSP-only checkout measured the same way in the
// same run:
//   node --import tsx bench/checkout-saga.ts [--quick]   (DATABASE_URL=postgres://… adds Postgres)
// On the embedded database (PGlite), and on Postgres too when DATABASE_URL is set (each platform
// in a schema of its own, reached through a `db` proxy link as in a game day; dropped at the end).
//
// Each variant gets its own stack of child processes, laid out as a game day's
// (bench/support/checkout-stack.ts): the platform's server.js forked with the stack's `startChild`
// (as `PlatformProcess` does), the stack's vendors child (PSP, tax, fraud) and the embedded proxy in
// a child of its own, from the build's bundles in dist/ when present. Not `startStack`:
// it always configures the saga, and runs the proxy inside the vendors' process, whose CPU would
// then read as one. Both variants keep running side by side and their runs alternate, so drift on
// this shared machine hits both alike. The CPU of each process comes from /proc/<pid>/stat over
// each run, divided by the journeys it completed: a "checkout" here is the whole journey (create a
// cart, add an item, check out with an Idempotency-Key) plus the PSP webhooks it causes. Postgres's
// own CPU is not counted. The load is a closed loop (bench/support/checkout-loop.ts) at each
// concurrency; medians of 3 runs; p50/p99 are of the checkout POST alone. Every phase is bounded,
// and every child is stopped on the way out (and exits by itself if this process dies).
import { performance } from 'node:perf_hooks'
import { checkoutLoop } from './support/checkout-loop.js'
import { fromBuild, startCheckoutStack, type CheckoutStack } from './support/checkout-stack.js'
import { fmt, median } from './support/closed-loop.js'
import { processCpuMs } from './support/process-cpu.js'

const quick = process.argv.includes('--quick')
const runSeconds = quick ? 1 : 4
const warmSeconds = quick ? 0.5 : 1
const runs = 3
// --quick: one concurrency and 1 s runs, to see that it works (under a minute per database).
const concurrencies = quick ? [8] : [8, 32]
const overallLimitMs = 240_000
const seed = 1

const variants = ['psp-only', 'saga'] as const
type Variant = (typeof variants)[number]

interface Run {
  checkoutsPerS: number
  p50: number
  p99: number
  failures: number
  /** CPU ms per journey of each process; `driver` is this one (the load). */
  cpu: { platform: number; vendors: number; proxy: number; driver: number }
}

async function measureOnce(stack: CheckoutStack, connections: number, key: string): Promise<Run> {
  const { pids } = stack
  const before = { platform: processCpuMs(pids.platform), vendors: processCpuMs(pids.vendors) }
  const proxyBefore = processCpuMs(pids.proxy)
  const driverBefore = process.cpuUsage()
  const result = await checkoutLoop({ url: stack.url, seconds: runSeconds, connections, keyPrefix: key })
  const driver = process.cpuUsage(driverBefore)
  const per = (ms: number): number => ms / Math.max(1, result.journeys)
  if (result.failures)
    process.stderr.write(`${result.failures} failed journeys, e.g. ${result.failureSamples.join('; ')}\n`)
  return {
    checkoutsPerS: result.checkoutsPerS,
    p50: result.p50,
    p99: result.p99,
    failures: result.failures,
    cpu: {
      platform: per(processCpuMs(pids.platform) - before.platform),
      vendors: per(processCpuMs(pids.vendors) - before.vendors),
      proxy: per(processCpuMs(pids.proxy) - proxyBefore),
      driver: per((driver.user + driver.system) / 1000),
    },
  }
}

interface Cell {
  db: string
  connections: number
  runs: Record<Variant, Run[]>
}

/** Both variants on one database: start, warm each up per concurrency, alternate the runs. */
async function measureDb(db: string, stops: Array<() => Promise<void>>): Promise<Cell[]> {
  // One after the other: six processes starting at once on a shared 2-core machine time out. A
  // stack that started is stopped by main's `finally` even if the next one fails to.
  const stacks = {} as Record<Variant, CheckoutStack>
  for (const v of variants) {
    stacks[v] = await startCheckoutStack({ saga: v === 'saga', db, seed })
    stops.push(stacks[v].close)
  }
  const label = db === 'embedded' ? 'embedded' : 'postgres'
  const cells: Cell[] = []
  try {
    for (const connections of concurrencies) {
      const cell: Cell = { db: label, connections, runs: { 'psp-only': [], saga: [] } }
      for (const v of variants) {
        const key = `bench-warm-${v}-${connections}-`
        await checkoutLoop({ url: stacks[v].url, seconds: warmSeconds, connections, keyPrefix: key })
      }
      for (let i = 0; i < runs; i++) {
        for (const v of i % 2 ? [...variants].reverse() : variants)
          cell.runs[v].push(await measureOnce(stacks[v], connections, `bench-${v}-${connections}-${i}-`))
      }
      cells.push(cell)
    }
  } finally {
    await Promise.all(variants.map((v) => stacks[v].close()))
  }
  return cells
}

const columns: Array<[string, number]> = [
  ['db', 8],
  ['conc', 4],
  ['checkout', 15],
  ['checkouts/s', 11],
  ['p50 ms', 7],
  ['p99 ms', 7],
  ['platform', 8],
  ['vendors', 8],
  ['proxy', 8],
  ['driver', 8],
  ['failed', 6],
]

function line(values: string[]): string {
  return values.map((v, i) => (i < 3 ? v.padEnd(columns[i]![1]) : v.padStart(columns[i]![1]))).join(' ')
}

function rows(cell: Cell): string[] {
  const med = (v: Variant, pick: (r: Run) => number): number => median(cell.runs[v].map(pick))
  const picks: Array<[(r: Run) => number, number]> = [
    [(r) => r.checkoutsPerS, 0],
    [(r) => r.p50, 1],
    [(r) => r.p99, 1],
    [(r) => r.cpu.platform, 2],
    [(r) => r.cpu.vendors, 2],
    [(r) => r.cpu.proxy, 2],
    [(r) => r.cpu.driver, 2],
  ]
  const out = variants.map((v) =>
    line([
      cell.db,
      String(cell.connections),
      v,
      ...picks.map(([pick, digits]) => fmt(med(v, pick), digits)),
      String(cell.runs[v].reduce((s, r) => s + r.failures, 0)),
    ]),
  )
  const ratio = (pick: (r: Run) => number): string => {
    const base = med('psp-only', pick)
    return base ? `${fmt(med('saga', pick) / base, 2)}×` : '—'
  }
  out.push(line([cell.db, String(cell.connections), 'saga/psp-only', ...picks.map(([p]) => ratio(p)), '']))
  return out
}

async function main(): Promise<void> {
  const stops: Array<() => Promise<void>> = []
  const stopAll = () => Promise.all(stops.map((stop) => stop().catch(() => {})))
  const deadline = setTimeout(() => {
    process.stderr.write('checkout-saga bench: over its time limit, stopping\n')
    void stopAll().then(() => process.exit(2))
  }, overallLimitMs)
  const startedAt = performance.now()
  try {
    const dbs = ['embedded', ...(process.env.DATABASE_URL ? [process.env.DATABASE_URL] : [])]
    process.stdout.write(
      `runs: ${runs} × ${runSeconds} s per cell, variants alternating, closed loop of whole journeys, medians` +
        (dbs.length === 1 ? ' (set DATABASE_URL to add Postgres)' : '') +
        (fromBuild ? '; children from dist/' : '; children from source (no dist/: npm run build)') +
        '\n',
    )
    const cells: Cell[] = []
    for (const db of dbs) cells.push(...(await measureDb(db, stops)))
    process.stdout.write(`\n${line(columns.map(([name]) => name))}\n`)
    for (const cell of cells) process.stdout.write(`${rows(cell).join('\n')}\n`)
    process.stdout.write(
      '\nplatform / vendors / proxy / driver: CPU ms per journey (cart + item + checkout + its webhooks) of\n' +
        'each process; p50/p99: the checkout POST alone; saga/psp-only: the ratio of the medians.\n' +
        `(${fmt((performance.now() - startedAt) / 1000)} s)\n`,
    )
  } finally {
    clearTimeout(deadline)
    await stopAll()
  }
}

await main()
