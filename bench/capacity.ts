// The whole game day's capacity: `gameday run baseline` at stepped rates, each a fresh stack of
// processes (driver, proxy + simulators, platform, database), until checkout p99 reaches 1 s,
// availability drops under 99% or the rate is not reached. Prints, per rate, the latency and the
// CPU each process spent per journey; the highest rate sustained; a 1-second run's peak memory;
// and a fastify hello-world's requests/s measured in the same run (the machine's speed today).
//   node --import tsx bench/capacity.ts [--quick] [--db embedded|postgres|both] [--rates 50,100,…]
//                                       [--seconds 8] [--scenario baseline] [--gameday PATH]
// Postgres is DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test when it answers.
// `--gameday` plays another build's gameday.js (an older checkout) with this bench, so two builds
// are read in one session on one machine.
import { createConnection } from 'node:net'
import { benchArgs, benchChildren, errorLine } from './support/driver-bench.js'
import { writeBenchResult } from './support/bench-result.js'
import { capacityStep, type StepResult } from './support/capacity-step.js'
import type { ClientRun } from './support/client-child.js'
import { fmt, median } from './support/closed-loop.js'

const args = benchArgs()
const quick = args.has('--quick')
const seconds = Number(args.value('--seconds') ?? (quick ? 4 : 8))
const scenario = args.value('--scenario') ?? 'baseline'
const rates = (args.value('--rates') ?? (quick ? '50,100,200' : '50,100,150,200,250,300,350,400'))
  .split(',')
  .map(Number)
const gameday = args.value('--gameday')
const localPostgres = 'postgres://postgres@127.0.0.1:5432/test'

async function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 5432) })
    socket.setTimeout(1_000, () => (socket.destroy(), resolve(false)))
    socket.once('connect', () => (socket.end(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

const dbChoice = args.value('--db') ?? 'both'
const postgresUrl = process.env.DATABASE_URL ?? ((await answers(localPostgres)) ? localPostgres : undefined)
const dbs = [
  ...(dbChoice !== 'postgres' ? ['embedded'] : []),
  ...(dbChoice !== 'embedded' && postgresUrl ? [postgresUrl] : []),
]
const children = benchChildren('capacity', 25 * 60_000)

// The machine's speed now: a fastify hello-world driven by autocannon, 64 connections, each in
// its own process, median of 3 × 3 s.
async function fastifyHello(): Promise<number> {
  const server = await children.start('fastify-hello-child.ts')
  const client = await children.start('client-child.ts')
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const run = await client.ask<ClientRun>(
      { cmd: 'closed', tool: 'autocannon', port: server.ready.port, connections: 64, seconds: 3 },
      30_000,
    )
    runs.push((run.ok * 1000) / run.durationMs)
  }
  server.stop()
  client.stop()
  return median(runs)
}

const ms = (n: number): string => (Number.isFinite(n) ? fmt(n, n < 10 ? 2 : 0) : '–')
const label = (db: string): string => (db === 'embedded' ? 'embedded' : 'postgres')

const helloBefore = await fastifyHello()
console.log(`fastify hello-world (autocannon, 64 connections): ${fmt(helloBefore)} req/s\n`)

// A 1-second baseline's peak memory (the whole tree's summed RSS) and its CPU per journey.
const oneSecond = await capacityStep({
  scenario: 'baseline',
  rate: 20,
  seconds: 1,
  db: 'embedded',
  ...(gameday ? { gameday } : {}),
})
const mb = (bytes: number): string => `${fmt(bytes / 2 ** 20)} MB`
console.log(
  `gameday run baseline --duration 1s: largest process ${mb(oneSecond.peakProcessRssBytes)} resident ` +
    `(what /usr/bin/time reports), all its processes ${mb(oneSecond.peakPssBytes)} (proportional set size)\n`,
)

const header =
  'db       rate/s  achieved  p50 ms   p99 ms  avail   driver  vendors platform       db postgres    total overhead'
const results: Record<string, { steps: StepResult[]; sustained: number }> = {}
for (const db of dbs) {
  console.log(header)
  const steps: StepResult[] = []
  let sustained = 0
  const play = async (rate: number): Promise<StepResult | undefined> => {
    let step: StepResult
    try {
      step = await capacityStep({ scenario, rate, seconds, db, ...(gameday ? { gameday } : {}) })
    } catch (error) {
      console.log(`${label(db).padEnd(8)} ${String(rate).padStart(6)}  ${errorLine(error)}`)
      return undefined
    }
    steps.push(step)
    const c = step.cpuMsPerJourney
    const total = c.driver + c.platform + c.vendors + c.db + c.postgres
    console.log(
      [
        label(db).padEnd(8),
        String(rate).padStart(6),
        fmt(step.achievedRate, 1).padStart(9),
        ms(step.p50Ms).padStart(7),
        ms(step.p99Ms).padStart(8),
        `${fmt(step.availability * 100, 1)}%`.padStart(6),
        ...[c.driver, c.vendors, c.platform, c.db, c.postgres, total].map((v) => ms(v).padStart(8)),
        `${fmt(((c.driver + c.vendors) / total) * 100, 0)}%`.padStart(8),
      ].join(' '),
    )
    return step
  }
  let failedAt: number | undefined
  for (const rate of rates) {
    const step = await play(rate)
    if (!step?.sustained) {
      failedAt = rate
      break
    }
    sustained = step.achievedRate
  }
  // One step halfway between the last rate held and the first that was not, rounded to 5/s.
  const middle = failedAt === undefined ? undefined : Math.round((sustained + failedAt) / 2 / 5) * 5
  if (middle !== undefined && sustained > 0 && middle > sustained && middle < failedAt!) {
    const step = await play(middle)
    if (step?.sustained) sustained = step.achievedRate
  }
  results[label(db)] = { steps, sustained }
  console.log(
    `${label(db)}: sustained ${fmt(sustained, 1)} checkout journeys/s at p99 < 1 s ` +
      `(${fmt((sustained / helloBefore) * 1000, 2)} per 1,000 hello-world req/s)\n`,
  )
}
const helloAfter = await fastifyHello()
console.log(`fastify hello-world again: ${fmt(helloAfter)} req/s`)
console.log(
  "\ndriver … postgres: CPU ms per completed checkout journey, over the load's seconds after the\n" +
    'first: driver = the runner (load, reports); vendors = simulators, proxy and embedded broker;\n' +
    'platform = the commerce API, PGlite inside it; db = PGlite served from its own process (only\n' +
    'game days that fault the db link); ' +
    'postgres = every postgres process. overhead = (driver + vendors) ÷ total.\n' +
    'A step is sustained when p99 < 1 s, availability ≥ 99% and ≥ 95% of the rate is reached.',
)
writeBenchResult('capacity', {
  scenario,
  seconds,
  fastifyHelloReqPerS: { before: helloBefore, after: helloAfter },
  oneSecondBaseline: {
    peakProcessRssBytes: oneSecond.peakProcessRssBytes,
    peakPssBytes: oneSecond.peakPssBytes,
  },
  results,
})
await children.close()
