// Throughput and latency of the embedded Toxiproxy-compatible proxy with no toxics, against the
// same node:http hello server reached directly, in the same run:
//   node --import tsx bench/proxy-throughput.ts [--quick]
// Three child processes (hello server, embedded proxy, and a naive socket.pipe proxy as a
// reference) plus the load generator, all on 127.0.0.1. Every phase is bounded in time, and the
// children exit when this process ends (they watch their stdin), even if it is SIGKILLed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer, request as httpRequest } from 'node:http'
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { Pool } from 'undici'

const quick = process.argv.includes('--quick')
const saturationSeconds = quick ? 2 : 5
const saturationRuns = 3
const fixedRate = 1000
const fixedSeconds = quick ? 2 : 5
// Memory over a sustained run at the fixed rate: sampled (after a GC) every 10 s.
const sustainedSeconds = quick ? 20 : 60
const manyConnections = 1000
const overallLimitMs = 300_000

type Role = 'hello' | 'proxy' | 'naive'

/** Child process roles: each prints one JSON line with its port(s), and exits when stdin closes. */
async function runChild(role: Role, upstreamPort: number): Promise<void> {
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('error', () => process.exit(0))
  // "mem" on stdin: collect garbage, then report RSS and live heap (so "flat" means flat, not "not yet collected").
  // "cpu": this process's CPU time so far, in µs (user + system).
  process.stdin.on('data', (data: Buffer) => {
    const command = data.toString()
    if (command.includes('cpu')) {
      const usage = process.cpuUsage()
      report({ cpuUs: usage.user + usage.system })
    } else if (command.includes('mem')) {
      ;(globalThis as { gc?: () => void }).gc?.()
      const memory = process.memoryUsage()
      report({ rssMb: memory.rss / 1048576, heapMb: memory.heapUsed / 1048576 })
    }
  })
  if (role === 'hello') {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' })
      response.end('hello')
    })
    server.keepAliveTimeout = 60_000
    server.listen(0, '127.0.0.1', () => report({ port: (server.address() as AddressInfo).port }))
    return
  }
  if (role === 'naive') {
    const server = createTcpServer((client) => {
      const upstream = connect({ host: '127.0.0.1', port: upstreamPort, noDelay: true })
      client.setNoDelay(true)
      client.on('error', () => upstream.destroy())
      upstream.on('error', () => client.destroy())
      client.pipe(upstream).pipe(client)
    })
    server.listen(0, '127.0.0.1', () => report({ port: (server.address() as AddressInfo).port }))
    return
  }
  const { startProxyServer } = await import('../chaos/index.js')
  const server = await startProxyServer({ seed: 1 })
  const response = await fetch(`${server.url}/proxies`, {
    method: 'POST',
    body: JSON.stringify({ name: 'hello', upstream: `127.0.0.1:${upstreamPort}`, listen: '127.0.0.1:0' }),
  })
  const proxy = (await response.json()) as { listen: string }
  report({ port: Number(proxy.listen.split(':').pop()), api: server.url })
}

function report(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...value, pid: process.pid })}\n`)
}

interface Child {
  process: ChildProcess
  port: number
  /** Sends a line to the child and resolves with the JSON line it answers. */
  ask(command: string): Promise<Record<string, number>>
}

const children: ChildProcess[] = []

function startChild(role: Role, upstreamPort = 0): Promise<Child> {
  const script = fileURLToPath(import.meta.url)
  const args = ['--expose-gc', '--import', 'tsx', script, '--child', role, String(upstreamPort)]
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] })
  children.push(child)
  const waiting: Array<(line: string) => void> = []
  createInterface({ input: child.stdout! }).on('line', (line) => waiting.shift()?.(line))
  const nextLine = (limitMs: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${role} child did not answer in ${limitMs} ms`)),
        limitMs,
      )
      waiting.push((line) => {
        clearTimeout(timer)
        resolve(line)
      })
    })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} child exited (${code})`)))
    nextLine(20_000).then((line) => {
      const info = JSON.parse(line) as { port: number }
      const ask = async (command: string): Promise<Record<string, number>> => {
        const answer = nextLine(5000)
        child.stdin!.write(`${command}\n`)
        return JSON.parse(await answer) as Record<string, number>
      }
      resolve({ process: child, port: info.port, ask })
    }, reject)
  })
}

function stopChildren(): void {
  for (const child of children) {
    child.stdin?.end()
    if (child.exitCode === null) child.kill('SIGTERM')
  }
}

const hasWrk = spawnSync('wrk', ['--version']).error === undefined

interface LoadResult {
  rps: number
  requests: number
  errors: number
}

/** Closed-model saturation: wrk -t1 (one thread: it leaves the most CPU to the servers), else autocannon. */
async function saturate(port: number, connections: number, seconds: number): Promise<LoadResult> {
  const url = `http://127.0.0.1:${port}/`
  if (hasWrk) {
    const threads = connections >= 100 ? 2 : 1
    const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', url]
    const result = spawnSync('wrk', args, { encoding: 'utf8', timeout: (seconds + 20) * 1000 })
    const out = result.stdout ?? ''
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN)
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0)
    const errors = (socket?.slice(1).reduce((sum, n) => sum + Number(n), 0) ?? 0) + non2xx
    const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN)
    return { rps, requests, errors }
  }
  const moduleName = 'autocannon' // untyped package: imported by name so the compiler does not look for types
  const { default: autocannon } = (await import(moduleName)) as {
    default: (
      options: object,
    ) => Promise<{ requests: { average: number; total: number }; errors: number; non2xx: number }>
  }
  const result = await autocannon({ url, connections, duration: seconds })
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
  }
}

/**
 * Open model at a fixed rate: request i is due at start + i/rate, fired from a setImmediate loop
 * onto an undici Pool, and its latency measured from when it was due (no coordinated omission).
 */
async function fixedRateLatency(
  port: number,
  seconds = fixedSeconds,
): Promise<{ p50: number; p99: number; errors: number }> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 32, pipelining: 1 })
  const total = fixedRate * seconds
  const latencies: number[] = []
  let errors = 0
  let sent = 0
  const inflight = new Set<Promise<void>>()
  const start = performance.now() + 50
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now()
      while (sent < total && start + (sent * 1000) / fixedRate <= now) {
        const due = start + (sent * 1000) / fixedRate
        sent += 1
        const done = pool
          .request({ path: '/', method: 'GET' })
          .then(async (response) => {
            await response.body.text()
            latencies.push(performance.now() - due)
          })
          .catch(() => {
            errors += 1
          })
          .finally(() => inflight.delete(done))
        inflight.add(done)
      }
      if (sent < total) setImmediate(tick)
      else resolve()
    }
    setImmediate(tick)
  })
  await Promise.all(inflight)
  await pool.close()
  latencies.sort((a, b) => a - b)
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN
  return { p50: at(0.5), p99: at(0.99), errors }
}

/** A warm-up so the JIT and keep-alive pools are settled before anything is timed. */
function warmUp(port: number): Promise<void> {
  return new Promise((resolve) => {
    let left = 200
    const next = (): void => {
      if (left-- <= 0) return resolve()
      httpRequest({ host: '127.0.0.1', port, path: '/' }, (response) => {
        response.resume()
        response.on('end', next)
      })
        .on('error', next)
        .end()
    }
    next()
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits)

async function main(): Promise<void> {
  const hello = await startChild('hello')
  const proxy = await startChild('proxy', hello.port)
  const naive = await startChild('naive', hello.port)
  const targets = { direct: hello, embedded: proxy, naive } as const
  for (const target of Object.values(targets)) await warmUp(target.port)
  const memBefore = await proxy.ask('mem')
  const generator = hasWrk ? 'wrk 4.1 (-t1 -c50)' : 'autocannon (wrk not installed) -c50'
  process.stdout.write(
    `load generator: ${generator}; ${saturationRuns} runs of ${saturationSeconds} s each, interleaved\n`,
  )

  const rps: Record<keyof typeof targets, number[]> = { direct: [], embedded: [], naive: [] }
  // CPU µs per request of the process named in the column (the hello server for "direct").
  const cpuPerRequest: Record<keyof typeof targets, number[]> = { direct: [], embedded: [], naive: [] }
  for (let run = 0; run < saturationRuns; run++) {
    for (const name of Object.keys(targets) as Array<keyof typeof targets>) {
      const target = targets[name]
      const cpuBefore = await target.ask('cpu')
      const result = await saturate(target.port, 50, saturationSeconds)
      const cpuAfter = await target.ask('cpu')
      rps[name].push(result.rps)
      cpuPerRequest[name].push(((cpuAfter.cpuUs ?? NaN) - (cpuBefore.cpuUs ?? NaN)) / result.requests)
    }
  }
  const fixed = {
    direct: await fixedRateLatency(hello.port),
    embedded: await fixedRateLatency(proxy.port),
  }
  const memAfterSaturation = await proxy.ask('mem')
  const many = await saturate(proxy.port, manyConnections, saturationSeconds)
  const memAfterMany = await proxy.ask('mem')
  const manyAgain = await saturate(proxy.port, manyConnections, saturationSeconds)
  const manyDirect = await saturate(hello.port, manyConnections, saturationSeconds)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const memAfter = await proxy.ask('mem')
  // Sustained: the fixed rate for `sustainedSeconds` in 10 s stretches, the proxy's memory after each.
  const sustained: Array<Record<string, number>> = [memAfter]
  let sustainedErrors = 0
  for (let at = 0; at < sustainedSeconds; at += 10) {
    sustainedErrors += (await fixedRateLatency(proxy.port, 10)).errors
    sustained.push(await proxy.ask('mem'))
  }

  const direct = median(rps.direct)
  const mems = [memBefore, memAfterSaturation, memAfterMany, memAfter]
  const rows = [
    ['metric', 'direct', 'embedded proxy', 'naive pipe proxy'],
    ['saturation req/s (median)', fmt(direct), fmt(median(rps.embedded)), fmt(median(rps.naive))],
    [
      '  runs',
      rps.direct.map((n) => fmt(n)).join(' '),
      rps.embedded.map((n) => fmt(n)).join(' '),
      rps.naive.map((n) => fmt(n)).join(' '),
    ],
    ['ratio to direct', '1.00', fmt(median(rps.embedded) / direct, 2), fmt(median(rps.naive) / direct, 2)],
    [
      'CPU µs per request (server / proxy)',
      fmt(median(cpuPerRequest.direct), 1),
      fmt(median(cpuPerRequest.embedded), 1),
      fmt(median(cpuPerRequest.naive), 1),
    ],
    [`p50 ms at ${fixedRate} req/s`, fmt(fixed.direct.p50, 3), fmt(fixed.embedded.p50, 3), ''],
    [`p99 ms at ${fixedRate} req/s`, fmt(fixed.direct.p99, 3), fmt(fixed.embedded.p99, 3), ''],
    ['  errors at fixed rate', String(fixed.direct.errors), String(fixed.embedded.errors), ''],
    [
      `${manyConnections} connections: req/s`,
      fmt(manyDirect.rps),
      `${fmt(many.rps)}, ${fmt(manyAgain.rps)}`,
      '',
    ],
    [
      `${manyConnections} connections: errors`,
      String(manyDirect.errors),
      `${many.errors}, ${manyAgain.errors}`,
      '',
    ],
    [
      'proxy RSS MB: start / saturated / 1k conns ×1 / ×2',
      '',
      mems.map((mem) => fmt(mem.rssMb, 1)).join(' / '),
      '',
    ],
    ['proxy heap MB after GC, same points', '', mems.map((mem) => fmt(mem.heapMb, 1)).join(' / '), ''],
    [
      `proxy RSS MB every 10 s of ${sustainedSeconds} s at ${fixedRate} req/s`,
      '',
      sustained.map((mem) => fmt(mem.rssMb, 1)).join(' / '),
      '',
    ],
    ['proxy heap MB after GC, same points', '', sustained.map((mem) => fmt(mem.heapMb, 1)).join(' / '), ''],
    ['  errors over the sustained run', '', String(sustainedErrors), ''],
  ]
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)))
  for (const row of rows) {
    process.stdout.write(`${row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ')}\n`)
  }
  process.stdout.write(
    `p50 added by the proxy: ${fmt(fixed.embedded.p50 - fixed.direct.p50, 3)} ms; ` +
      `p99 ratio: ${fmt(fixed.embedded.p99 / fixed.direct.p99, 2)}. Fixed rate: open model, ` +
      `undici Pool (32 connections), latency from each request's due time, ${fixedSeconds} s per target.\n`,
  )
}

if (process.argv[2] === '--child') {
  void runChild(process.argv[3] as Role, Number(process.argv[4]))
} else {
  const limit = setTimeout(() => {
    process.stderr.write(`proxy-throughput: gave up after ${overallLimitMs / 1000} s\n`)
    stopChildren()
    process.exit(1)
  }, overallLimitMs)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopChildren()
      process.exit(130)
    })
  }
  main()
    .catch((error: unknown) => {
      process.stderr.write(`proxy-throughput: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    })
    .finally(() => {
      clearTimeout(limit)
      stopChildren()
    })
}
