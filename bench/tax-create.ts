// Creates/s of the tax simulator's POST /api/v2/transactions/create (a committed SalesInvoice
// with two lines, a fresh document code each, Basic credentials), against a node:http
// hello-world measured in the same run:
//   node --import tsx bench/tax-create.ts [--quick]
// Each server runs in its own child process on 127.0.0.1 (the load comes from this one) and
// reports its own CPU per request; the children exit with this process. Every phase is bounded.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { closedLoop, fmt, median, type LoopRequest, type LoopResult } from './support/closed-loop.js'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const runSeconds = quick ? 2 : 4
const runs = 3
const connections = 32
const overallLimitMs = 120_000
const credentials = `Basic ${Buffer.from('1100000000:bench-license-key').toString('base64')}`

type Role = 'hello' | 'tax'

/** The child: a server and a line protocol on stdin (`reset`, `stats`) answered on stdout. */
async function runChild(role: Role): Promise<void> {
  const lines = createInterface({ input: process.stdin })
  lines.on('close', () => process.exit(0))
  let requests = 0
  let cpu = process.cpuUsage()
  let port: number
  if (role === 'hello') {
    const server = createServer((req, res) => {
      requests++
      req.resume()
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'))
    })
    server.keepAliveTimeout = 60_000
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  } else {
    const { createTax } = await import('../simulators/index.js')
    const { serve } = await import('../simulators/core/serve.js')
    const tax = createTax({ seed: 1 })
    const served = await serve({
      port: 0,
      handle: (request, info) => {
        requests++
        return tax.handle(request, info)
      },
    })
    port = served.port
  }
  const reply = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`)
  reply({ port })
  for await (const line of lines) {
    if (line === 'reset') {
      requests = 0
      cpu = process.cpuUsage()
      reply({ ok: true })
    } else if (line === 'stats') {
      const used = process.cpuUsage(cpu)
      reply({ cpuUsPerRequest: (used.user + used.system) / Math.max(1, requests) })
    } else reply({ error: `unknown command ${line}` })
  }
}

function startChild(
  role: Role,
): Promise<{ ask: (c: string) => Promise<unknown>; stop: () => void; port: number }> {
  const file = fileURLToPath(import.meta.url)
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file, '--child', role], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const pending: Array<(value: unknown) => void> = []
  createInterface({ input: proc.stdout! }).on('line', (line) => pending.shift()?.(JSON.parse(line)))
  const next = (): Promise<unknown> => new Promise((resolve) => pending.push(resolve))
  const ask = (command: string): Promise<unknown> => {
    const answer = next()
    proc.stdin!.write(`${command}\n`)
    return answer
  }
  const stop = (): void => {
    proc.stdin!.end()
    proc.kill()
  }
  return next().then((ready) => ({ ask, stop, port: (ready as { port: number }).port }))
}

const prefix = `bench-${process.hrtime.bigint()}-`
let created = 0
/** A fresh document code across every loop of the run (a committed code cannot be created again). */
const createRequest = (): LoopRequest => nextCreate(++created)
const nextCreate = (n: number): LoopRequest => ({
  path: '/api/v2/transactions/create',
  method: 'POST',
  headers: { authorization: credentials, 'content-type': 'application/json' },
  body: JSON.stringify({
    type: 'SalesInvoice',
    companyCode: 'GAMEDAY',
    date: '2026-11-30',
    customerCode: `cus_${n % 1000}`,
    code: `${prefix}${n}`,
    commit: true,
    currencyCode: 'USD',
    addresses: {
      shipFrom: {
        line1: '1 Warehouse Way',
        city: 'Portland',
        region: 'OR',
        postalCode: '97201',
        country: 'US',
      },
      shipTo: { line1: '2 Main St', city: 'Seattle', region: 'WA', postalCode: '98101', country: 'US' },
    },
    lines: [
      { number: '1', quantity: 2, amount: 40, itemCode: 'sku-1' },
      { number: '2', quantity: 1, amount: 15.5, itemCode: 'ship', taxCode: 'FR' },
    ],
  }),
})

interface Run extends LoopResult {
  cpuUsPerRequest: number
}

async function measure(
  child: { ask: (c: string) => Promise<unknown>; port: number },
  request: (n: number) => LoopRequest,
  okStatus = 200,
): Promise<Run[]> {
  await closedLoop({ port: child.port, seconds: 1, connections, request, okStatus }) // warm-up
  const out: Run[] = []
  for (let i = 0; i < runs; i++) {
    await child.ask('reset')
    const result = await closedLoop({ port: child.port, seconds: runSeconds, connections, request, okStatus })
    const stats = (await child.ask('stats')) as { cpuUsPerRequest: number }
    out.push({ ...result, cpuUsPerRequest: stats.cpuUsPerRequest })
  }
  return out
}

function row(label: string, list: Run[]): string {
  const cpu = median(list.map((r) => r.cpuUsPerRequest))
  return [
    label.padEnd(34),
    fmt(median(list.map((r) => r.reqPerS))).padStart(9),
    fmt(cpu, 1).padStart(10),
    fmt(1e6 / cpu).padStart(11),
    fmt(median(list.map((r) => r.p50)), 1).padStart(5),
    fmt(median(list.map((r) => r.p99)), 1).padStart(5),
    String(list.reduce((s, r) => s + r.failures, 0)).padStart(6),
  ].join(' ')
}

async function main(): Promise<void> {
  const stops: Array<() => void> = []
  const deadline = setTimeout(() => {
    process.stderr.write('tax-create bench: over its time limit, stopping\n')
    for (const stop of stops) stop()
    process.exit(2)
  }, overallLimitMs)
  try {
    const hello = await startChild('hello')
    stops.push(hello.stop)
    const tax = await startChild('tax')
    stops.push(tax.stop)
    process.stdout.write(
      `runs: ${runs} × ${runSeconds} s, ${connections} connections, undici Pool closed loop, medians\n`,
    )
    const helloRuns = await measure(hello, () => ({ path: '/', method: 'POST', headers: {}, body: '{}' }))
    hello.stop()
    // AvaTax answers a create with 201 Created.
    const taxRuns = await measure(tax, createRequest, 201)
    const header = ['target', 'req/s', 'cpu µs/req', '1-core r/s', 'p50', 'p99', 'failed']
    const widths = [34, 9, 10, 11, 5, 5, 6]
    process.stdout.write(
      `\n${header.map((h, i) => (i ? h.padStart(widths[i]!) : h.padEnd(widths[i]!))).join(' ')}\n`,
    )
    process.stdout.write(`${row('node:http hello-world', helloRuns)}\n`)
    process.stdout.write(`${row('tax create (SalesInvoice, commit)', taxRuns)}\n`)
    const cpuHello = median(helloRuns.map((r) => r.cpuUsPerRequest))
    const cpuTax = median(taxRuns.map((r) => r.cpuUsPerRequest))
    process.stdout.write(
      `\nserver CPU per create is ${fmt(cpuTax / cpuHello, 1)}× the hello-world's; "1-core r/s" = 1e6 / the server's own CPU µs per request.\n`,
    )
  } finally {
    clearTimeout(deadline)
    for (const stop of stops) stop()
  }
}

if (args[0] === '--child') await runChild(args[1] as Role)
else await main()
