import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { stopwatch, systemClock } from '../../lib/clock.js'
import { createHttpSteps, type HttpSteps } from './http-step.js'
import type { OperationResult } from './target.js'

/** Answers `/status/N` with N and a problem code; `/hang` never answers. Records baggage. */
async function startServer() {
  const baggage: (string | undefined)[] = []
  const hung = new Set<http.ServerResponse>()
  const server = http.createServer((req, res) => {
    baggage.push(req.headers.baggage as string | undefined)
    req.resume()
    req.on('end', () => {
      if (req.url === '/hang') return void hung.add(res)
      const status = Number(req.url?.split('/')[2] ?? 200)
      res.writeHead(status, { 'content-type': 'application/problem+json' })
      res.end(JSON.stringify(status >= 400 ? { code: `CODE_${status}` } : { ok: true }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    baggage,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function setUp(timeoutMs = 5_000, connections = 4) {
  const server = await startServer()
  closers.push(server.close)
  const now = stopwatch(systemClock).elapsed
  const steps: HttpSteps = createHttpSteps({ baseUrl: server.url, timeoutMs, connections, now })
  closers.push(() => steps.close())
  return { server, steps, now }
}

describe('createHttpSteps', () => {
  it('counts 2xx and 402 as ok, another 4xx as fail with its code, a 5xx as info', async () => {
    const { server, steps } = await setUp()
    const seen: OperationResult[] = []
    const observe = (op: OperationResult) => seen.push(op)
    for (const status of [200, 402, 404, 503])
      await steps.send(
        { name: 'view', journey: 7, attempt: 2, method: 'GET', path: `/status/${status}` },
        observe,
      )
    expect(seen.map(({ outcome, status, detail }) => ({ outcome, status, detail }))).toEqual([
      { outcome: 'ok', status: 200 },
      { outcome: 'ok', status: 402 },
      { outcome: 'fail', status: 404, detail: 'CODE_404' },
      { outcome: 'info', status: 503, detail: 'HTTP 503 CODE_503' },
    ])
    expect(seen.every((op) => op.name === 'view' && op.endMs >= op.startMs)).toBe(true)
    expect(server.baggage[0]).toBe('gameday.journey=7,gameday.step=view,gameday.attempt=2')
  })

  it('ends a request with no answer at its timeout, even one queued for a connection', async () => {
    const { steps, now } = await setUp(1_000, 1)
    const seen: OperationResult[] = []
    const startMs = now()
    const answers = await Promise.all(
      [1, 2].map(() =>
        steps.send(
          { name: 'checkout', journey: 1, attempt: 1, method: 'POST', path: '/hang', body: {} },
          (op) => seen.push(op),
        ),
      ),
    )
    expect(answers).toEqual([
      { type: 'lost', reason: 'timeout' },
      { type: 'lost', reason: 'timeout' },
    ])
    expect(seen.map((op) => [op.outcome, op.detail])).toEqual([
      ['info', 'timeout'],
      ['info', 'timeout'],
    ])
    // The second waited for the only connection: it still ends at its own timeout, not after the first's.
    const tookMs = now() - startMs
    expect(tookMs).toBeGreaterThanOrEqual(900)
    expect(tookMs).toBeLessThan(1_800)
  })

  it('reports a refused connection as info with its error code', async () => {
    const now = stopwatch(systemClock).elapsed
    const steps = createHttpSteps({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000, now })
    closers.push(() => steps.close())
    const seen: OperationResult[] = []
    const answer = await steps.send(
      { name: 'browse', journey: 1, attempt: 1, method: 'GET', path: '/' },
      (op) => seen.push(op),
    )
    expect(answer).toEqual({ type: 'lost', reason: 'ECONNREFUSED' })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ name: 'browse', outcome: 'info', detail: 'ECONNREFUSED' })
  })
})
