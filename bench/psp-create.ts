// Creates/s of the PSP simulator's POST /v1/payment_intents (confirm=true, form-encoded, a fresh
// Idempotency-Key each) against a node:http hello-world, in the same run; then the per-request cost
// with 1k intents in the store against 1M, and the RSS at 1M:
//   node --import tsx bench/psp-create.ts [--quick] [--intents N] [--seconds S]
// Each server runs in its own child process on 127.0.0.1 (the load comes from this one); the
// children exit when this process ends (they watch their stdin), even if it is SIGKILLed. Every
// phase is bounded in time; load is a closed loop on an undici Pool. Besides req/s (which on 2 cores is shared with the load generator),
// each child reports its own CPU time per request: 1e6 / that is what one core can serve. The PSP
// child gets an 8 GB heap limit (a 1M-intent store is ~1.6 GB live, near Node's default limit) and
// a 64 MB young generation: fewer scavenges over a large old generation, which measured here as the
// difference between ~95 µs and ~65 µs per in-process create at 400k intents.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { closedLoop, fmt, median, type LoopResult } from './support/closed-loop.js'

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const quick = args.includes('--quick')
const runSeconds = Number(flag('--seconds') ?? (quick ? 2 : 4))
const runs = 3
const largeStore = Number(flag('--intents') ?? (quick ? 100_000 : 1_000_000))
const smallStore = 1_000
const childFlags = ['--expose-gc', '--max-old-space-size=8192', '--max-semi-space-size=64']
const connections = 32
const seedLimitMs = 170_000
const overallLimitMs = 290_000
const inProcessRequests = quick ? 5_000 : 10_000

const body = (id: string): string =>
  `amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&metadata[order_id]=${id}&metadata[checkout_key]=${id}`

type Role = 'hello' | 'psp'

interface ChildStats {
  cpuUsPerRequest: number
  elu: number
  requests: number
  rssMb: number
  heapMb: number
  heapTotalMb: number
  /** Intents in the PSP child's store (0 for the hello child). */
  intents: number
}

/** The child: a server plus a line protocol on stdin/stdout (stats, seeding, in-process timing). */
async function runChild(role: Role): Promise<void> {
  const lines = createInterface({ input: process.stdin })
  lines.on('close', () => process.exit(0))
  let requests = 0
  let cpu = process.cpuUsage()
  let elu = performance.eventLoopUtilization()
  let port: number
  let psp: Awaited<ReturnType<typeof startPspChild>> | undefined
  if (role === 'hello') {
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      requests++
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '11' })
        res.end('{"ok":true}')
      })
    })
    server.keepAliveTimeout = 60_000
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  } else {
    psp = await startPspChild(() => requests++)
    port = psp.port
  }
  const reply = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`)
  reply({ port })
  for await (const line of lines) {
    const [command, arg] = line.split(' ')
    if (command === 'reset') {
      requests = 0
      cpu = process.cpuUsage()
      elu = performance.eventLoopUtilization()
      reply({ ok: true })
    } else if (command === 'stats') {
      // 'stats gc' collects first, so the memory figure is what the store holds, not garbage.
      if (arg === 'gc') (globalThis as { gc?: () => void }).gc?.()
      const used = process.cpuUsage(cpu)
      const memory = process.memoryUsage()
      const stats: ChildStats = {
        cpuUsPerRequest: (used.user + used.system) / Math.max(1, requests),
        elu: performance.eventLoopUtilization(elu).utilization,
        requests,
        rssMb: memory.rss / 1e6,
        heapMb: memory.heapUsed / 1e6,
        heapTotalMb: memory.heapTotal / 1e6,
        intents: psp?.intents() ?? 0,
      }
      reply(stats)
    } else if (command === 'seed' && psp) {
      reply(await psp.seedTo(Number(arg)))
    } else if (command === 'inproc' && psp) {
      reply(await psp.timeInProcess(Number(arg)))
    } else reply({ error: `unknown command ${line}` })
  }
}

async function startPspChild(onRequest: () => void) {
  const { createPsp } = await import('../simulators/index.js')
  const { serve } = await import('../simulators/core/serve.js')
  const { requestWithBody } = await import('../simulators/core/body-channel.js')
  const psp = createPsp({ seed: 1 })
  const served = await serve({
    port: 0,
    handle: (request, info) => {
      onRequest()
      return psp.handle(request, info)
    },
  })
  const info = { remoteAddress: '127.0.0.1', bodyTooLarge: false }
  let made = 0
  const createOne = async (): Promise<void> => {
    made++
    const id = `seed-${made}`
    const request = requestWithBody(
      `http://127.0.0.1:${served.port}/v1/payment_intents`,
      {
        method: 'POST',
        headers: {
          authorization: 'Bearer sk_test_bench',
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': id,
        },
      },
      body(id),
    )
    const response = await psp.handle(request, info)
    if (response.status !== 200) throw new Error(`Failed to seed intent ${made}: HTTP ${response.status}`)
  }
  return {
    port: served.port,
    intents: () => psp.ctx.state.intents.size,
    /** Creates intents in-process (the same handler, no socket) until the store holds `target`. */
    async seedTo(target: number): Promise<{ intents: number; seconds: number; capped: boolean }> {
      const start = performance.now()
      let capped = false
      while (psp.ctx.state.intents.size < target) {
        await createOne()
        if (performance.now() - start > seedLimitMs) {
          capped = true
          break
        }
      }
      const seconds = (performance.now() - start) / 1000
      // Settle the collector's debt from seeding, so the next measurement sees the steady state.
      ;(globalThis as { gc?: () => void }).gc?.()
      return { intents: psp.ctx.state.intents.size, seconds, capped }
    },
    /** µs per create through the handler alone, with the store at its current size. */
    async timeInProcess(n: number): Promise<{ usPerRequest: number; intents: number }> {
      const start = performance.now()
      for (let i = 0; i < n; i++) await createOne()
      return { usPerRequest: ((performance.now() - start) * 1000) / n, intents: psp.ctx.state.intents.size }
    },
  }
}

/** A child process running this file with a role; answers one JSON line per command. */
class Child {
  private readonly pending: Array<(value: unknown) => void> = []
  private constructor(private readonly process: ChildProcess) {
    createInterface({ input: process.stdout! }).on('line', (line) => this.pending.shift()?.(JSON.parse(line)))
  }

  static async start(role: Role): Promise<{ child: Child; port: number }> {
    const file = fileURLToPath(import.meta.url)
    const proc = spawn(process.execPath, [...childFlags, '--import', 'tsx', file, '--child', role], {
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const child = new Child(proc)
    const ready = (await child.next()) as { port: number }
    return { child, port: ready.port }
  }

  private next(): Promise<unknown> {
    return new Promise((resolve) => this.pending.push(resolve))
  }

  ask<T>(command: string): Promise<T> {
    const answer = this.next()
    this.process.stdin!.write(`${command}\n`)
    return answer as Promise<T>
  }

  stop(): void {
    this.process.stdin!.end()
    this.process.kill()
  }
}

/** The create+confirm loop: every request carries a fresh Idempotency-Key. */
function load(port: number, path: string, seconds: number): Promise<LoopResult> {
  const prefix = `bench-${process.hrtime.bigint()}-`
  return closedLoop({
    port,
    seconds,
    connections,
    request: (n) => ({
      path,
      method: 'POST',
      headers: {
        authorization: 'Bearer sk_test_bench',
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': `${prefix}${n}`,
      },
      body: body(`${prefix}${n}`),
    }),
  })
}

interface Run {
  reqPerS: number
  p50: number
  p99: number
  failures: number
  stats: ChildStats
}

async function measure(child: Child, port: number, path: string): Promise<Run[]> {
  await load(port, path, 1) // warm-up
  const out: Run[] = []
  for (let i = 0; i < runs; i++) {
    await child.ask('reset')
    const result = await load(port, path, runSeconds)
    const stats = await child.ask<ChildStats>('stats')
    out.push({ ...result, stats })
  }
  return out
}

/** Median of three in-process timings (a major GC can land in any one of them). */
async function inProcess(child: Child): Promise<{ usPerRequest: number; intents: number }> {
  const three: Array<{ usPerRequest: number; intents: number }> = []
  for (let i = 0; i < 3; i++) three.push(await child.ask(`inproc ${inProcessRequests}`))
  const us = median(three.map((t) => t.usPerRequest))
  return { usPerRequest: us, intents: three[2]?.intents ?? 0 }
}

function row(label: string, list: Run[]): string {
  const cpu = median(list.map((r) => r.stats.cpuUsPerRequest))
  return [
    label.padEnd(34),
    fmt(median(list.map((r) => r.reqPerS))).padStart(9),
    fmt(cpu, 1).padStart(10),
    fmt(1e6 / cpu).padStart(11),
    fmt(median(list.map((r) => r.stats.elu)), 2).padStart(6),
    fmt(median(list.map((r) => r.p50)), 1).padStart(5),
    fmt(median(list.map((r) => r.p99)), 1).padStart(5),
    String(list.reduce((s, r) => s + r.failures, 0)).padStart(6),
  ].join(' ')
}

async function main(): Promise<void> {
  const children: Child[] = []
  const deadline = setTimeout(() => {
    process.stderr.write('psp-create bench: over its time limit, stopping\n')
    for (const c of children) c.stop()
    process.exit(2)
  }, overallLimitMs)
  try {
    const hello = await Child.start('hello')
    children.push(hello.child)
    const psp = await Child.start('psp')
    children.push(psp.child)
    process.stdout.write(
      `runs: ${runs} × ${runSeconds} s, ${connections} connections, undici Pool closed loop, medians\n`,
    )
    const helloRuns = await measure(hello.child, hello.port, '/')
    hello.child.stop()
    const seedSmall = await psp.child.ask<{ intents: number }>(`seed ${smallStore}`)
    const memorySmall = await psp.child.ask<ChildStats>('stats gc')
    const inSmall = await inProcess(psp.child)
    const pspSmall = await measure(psp.child, psp.port, '/v1/payment_intents')
    const seedLarge = await psp.child.ask<{ intents: number; seconds: number; capped: boolean }>(
      `seed ${largeStore}`,
    )
    const inLarge = await inProcess(psp.child)
    const pspLarge = await measure(psp.child, psp.port, '/v1/payment_intents')
    const memory = await psp.child.ask<ChildStats>('stats gc')
    const header = [
      'target'.padEnd(34),
      'req/s'.padStart(9),
      'cpu µs/req'.padStart(10),
      '1-core r/s'.padStart(11),
      'ELU'.padStart(6),
      'p50'.padStart(5),
      'p99'.padStart(5),
      'failed'.padStart(6),
    ]
    process.stdout.write(`\n${header.join(' ')}\n`)
    process.stdout.write(`${row('node:http hello-world', helloRuns)}\n`)
    process.stdout.write(`${row(`PSP create+confirm, ${fmt(seedSmall.intents)} intents`, pspSmall)}\n`)
    process.stdout.write(`${row(`PSP create+confirm, ${fmt(seedLarge.intents)} intents`, pspLarge)}\n`)
    const ratio = (a: number, b: number): string => `${fmt((a / b - 1) * 100, 1)}%`
    const cpuSmall = median(pspSmall.map((r) => r.stats.cpuUsPerRequest))
    const cpuLarge = median(pspLarge.map((r) => r.stats.cpuUsPerRequest))
    process.stdout.write(
      `\nin-process handler cost (${fmt(inProcessRequests)} creates, no socket): ` +
        `${fmt(inSmall.usPerRequest, 1)} µs at ${fmt(seedSmall.intents)} intents, ` +
        `${fmt(inLarge.usPerRequest, 1)} µs at ${fmt(inLarge.intents)} (${ratio(inLarge.usPerRequest, inSmall.usPerRequest)})\n`,
    )
    process.stdout.write(
      `server CPU per HTTP create: ${fmt(cpuSmall, 1)} µs small store, ${fmt(cpuLarge, 1)} µs large (${ratio(cpuLarge, cpuSmall)})\n`,
    )
    process.stdout.write(
      `seeding to ${fmt(seedLarge.intents)} intents took ${fmt(seedLarge.seconds, 1)} s${seedLarge.capped ? ' (capped by the time limit)' : ''}; ` +
        `RSS after: ${fmt(memory.rssMb)} MB (heap used ${fmt(memory.heapMb)} MB of ${fmt(memory.heapTotalMb)} MB)\n`,
    )
    // Everything one more intent keeps: the intent, its charge, two ledger rows, its idempotency
    // key and saved answer, index entries, and its share of the bounded event log.
    const bytesPerIntent =
      ((memory.heapMb - memorySmall.heapMb) * 1e6) / Math.max(1, memory.intents - memorySmall.intents)
    process.stdout.write(
      `heap per stored intent: ${fmt(bytesPerIntent)} bytes (heap used after a full GC, ${fmt(memorySmall.intents)} → ${fmt(memory.intents)} intents; the budget is 1,024)\n`,
    )
    process.stdout.write(
      'req/s is limited by the load generator sharing the 2 cores; "1-core r/s" = 1e6 / the server\'s own CPU µs per request (all its threads, GC included).\n',
    )
  } finally {
    clearTimeout(deadline)
    for (const c of children) c.stop()
  }
}

if (args[0] === '--child') await runChild(args[1] as Role)
else await main()
