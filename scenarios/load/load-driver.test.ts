import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Pool } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { stopwatch, systemClock } from '../../lib/clock.js'
import type { DrivenPhase, PlannedWorkload } from '../format/phase-plan.js'
import type { JourneyPlayer, JourneyRef, JourneyResult, OperationName } from '../target/target.js'
import type { HistoryRecord } from './history-records.js'
import { readBrowses, readCheckoutAttempts } from './history-reader.js'
import { driveLoad, type LoadDriverOptions } from './load-driver.js'

const population = { size: 100, impatient: 0, impatientAfterMs: 1_000, freshKeyRetry: 0 }

/** ms since the call, on the machine's clock. */
const clock = () => stopwatch(systemClock).elapsed

const constant = (
  rate: number,
  mix: PlannedWorkload['mix'] = { checkout: 1 },
  name = 'default',
): PlannedWorkload => ({
  name,
  executor: 'constant-arrival-rate',
  rate,
  mix,
})

const phase = (
  name: string,
  startMs: number,
  durationMs: number,
  workloads: PlannedWorkload[],
): DrivenPhase => ({
  name,
  startMs,
  durationMs,
  rate: 0,
  workloads,
})

const OPERATIONS: Record<string, OperationName[]> = {
  checkout: ['cart', 'item', 'checkout'],
  browse: ['browse'],
  view: ['view'],
  cart: ['cart', 'item'],
}

/**
 * A player with no network: each journey takes `delayMs`, reports its operations (all ok unless
 * `fail` says otherwise), and remembers what it was handed and how many ran at once.
 */
function fakePlayer(now: () => number, delayMs = 0, fail?: (ref: JourneyRef) => boolean) {
  const refs: Array<JourneyRef & { startedMs: number }> = []
  const state = { inFlight: 0, maxInFlight: 0 }
  const player: JourneyPlayer = {
    async run(ref, observe) {
      refs.push({ ...ref, startedMs: now() })
      state.inFlight++
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
      const failed = fail?.(ref) ?? false
      for (const name of OPERATIONS[ref.kind ?? 'checkout'] ?? ['status']) {
        const t = now()
        if (failed && name === 'checkout')
          observe?.({
            name,
            startMs: t - 1,
            endMs: t,
            outcome: 'info',
            status: 503,
            detail: 'HTTP 503 UNAVAILABLE',
          })
        else observe?.({ name, startMs: t - 1, endMs: t, outcome: 'ok', status: 200 })
      }
      state.inFlight--
      const kind = ref.kind ?? 'checkout'
      if (kind !== 'checkout') return { kind, outcome: { type: 'ok' } }
      return failed
        ? { kind, outcome: { type: 'info', reason: 'HTTP 503' }, tries: 2 }
        : {
            kind,
            outcome: { type: 'ok', status: 201, orderId: `o${ref.index}`, orderStatus: 'paid' },
            tries: 1,
          }
    },
    close: async () => {},
  }
  return { player, refs, state }
}

/** A history sink that keeps the lines, as the runner's file stream would write them. */
function memoryHistory() {
  let text = ''
  return {
    write: (chunk: string) => void (text += chunk),
    records: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as HistoryRecord),
    text: () => text,
  }
}

const drive = (
  options: Omit<LoadDriverOptions, 'keyFor' | 'seed' | 'population'> & Partial<LoadDriverOptions>,
) => driveLoad({ keyFor: (i) => `k${i}`, seed: 7, population, ...options })

describe('driveLoad', () => {
  it('starts a constant rate on its schedule, phase after phase, and numbers arrivals in order', async () => {
    const now = clock()
    const { player, refs } = fakePlayer(now)
    const history = memoryHistory()
    const { figures } = await drive({
      phases: [phase('a', 0, 200, [constant(50)]), phase('b', 200, 100, [constant(100)])],
      player,
      now,
      history,
    })
    expect(figures.phases.map((p) => [p.name, p.schedule.scheduled, p.schedule.started])).toEqual([
      ['a', 10, 10],
      ['b', 10, 10],
    ])
    expect(refs.map((r) => r.index)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    // Recorded as each ends, so a busy machine may interleave them: read in arrival order.
    const journeys = history
      .records()
      .filter((r) => r.type === 'journey')
      .sort((a, b) => a.index - b.index)
    expect(journeys.map((j) => j.intendedStartMs)).toEqual([
      0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 210, 220, 230, 240, 250, 260, 270, 280, 290,
    ])
    // Each started on time, give or take a busy test machine.
    for (const r of refs)
      expect(r.startedMs).toBeGreaterThanOrEqual(journeys.find((j) => j.index === r.index)!.intendedStartMs)
    expect(figures.schedule).toMatchObject({ scheduled: 20, started: 20, dropped: 0 })
    expect(figures.schedule.lagMs!.p50).toBeLessThan(20)
  })

  it('follows a ramp: arrivals in each stage as its rate integral asks', async () => {
    const now = clock()
    const { player } = fakePlayer(now)
    const history = memoryHistory()
    const ramp: PlannedWorkload = {
      name: 'ramp',
      executor: 'ramping-arrival-rate',
      startRate: 0,
      stages: [
        { durationMs: 400, target: 200 },
        { durationMs: 200, target: 200 },
      ],
      mix: { checkout: 1 },
    }
    await drive({ phases: [phase('r', 0, 800, [ramp])], player, now, history })
    const due = history.records().flatMap((r) => (r.type === 'journey' ? [r.intendedStartMs] : []))
    // 40 in the ramp (0 → 200/s over 0.4 s), 40 in the plateau, 40 while the last target holds.
    expect(Math.abs(due.filter((t) => t < 400).length - 40)).toBeLessThanOrEqual(1)
    expect(Math.abs(due.filter((t) => t >= 400 && t < 600).length - 40)).toBeLessThanOrEqual(1)
    expect(Math.abs(due.filter((t) => t >= 600).length - 40)).toBeLessThanOrEqual(1)
  })

  it('keeps a closed model to its users, each thinking between journeys, until the phase ends', async () => {
    const now = clock()
    const { player, refs, state } = fakePlayer(now, 20)
    const vus: PlannedWorkload = {
      name: 'users',
      executor: 'constant-vus',
      vus: 3,
      thinkTimeMs: 30,
      mix: { checkout: 1 },
    }
    const { figures } = await drive({ phases: [phase('c', 0, 500, [vus])], player, now })
    expect(state.maxInFlight).toBeLessThanOrEqual(3)
    // Each user plays a journey every ≥ 50 ms (20 playing + 30 thinking): at most 10 each in 500 ms.
    expect(refs.length).toBeGreaterThanOrEqual(3 * 4)
    expect(refs.length).toBeLessThanOrEqual(3 * 10)
    expect(new Set(refs.map((r) => r.index)).size).toBe(refs.length)
    for (const user of [0, 1, 2]) {
      const starts = refs.filter((r) => r.index % 3 === user).map((r) => r.startedMs)
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(48)
    }
    expect(figures.schedule).toMatchObject({ scheduled: refs.length, started: refs.length, dropped: 0 })
    expect(figures.schedule.lagMs).toBeUndefined()
  })

  it('plays two workloads side by side, each with its own mix, indexes never colliding', async () => {
    const now = clock()
    const { player, refs } = fakePlayer(now)
    const { figures } = await drive({
      phases: [
        phase('p', 0, 300, [constant(40), constant(60, { browse: 1, view: 1 }, 'browsing')]),
        phase('q', 300, 100, [constant(40), constant(60, { browse: 1, view: 1 }, 'browsing')]),
      ],
      player,
      now,
    })
    expect(figures.journeys.checkout!.arrivals).toBe(12 + 4)
    expect(figures.journeys.browse!.arrivals + figures.journeys.view!.arrivals).toBe(18 + 6)
    expect(figures.operations.browse!.attempted).toBe(figures.journeys.browse!.arrivals)
    expect(new Set(refs.map((r) => r.index)).size).toBe(40)
    expect(Math.max(...refs.map((r) => r.index))).toBe(39)
  })

  it('draws the same kinds, shoppers and indexes from the same seed whatever the timing', async () => {
    const run = async (delayMs: number) => {
      const now = clock()
      const { player, refs } = fakePlayer(now, delayMs)
      await drive({
        phases: [
          phase('p', 0, 200, [constant(50, { browse: 2, checkout: 1 }), constant(25, { view: 1 }, 'v')]),
        ],
        player,
        now,
        population: { ...population, impatient: 0.5 },
      })
      return refs.map(({ index, kind, shopper, idempotencyKey }) => ({
        index,
        kind,
        shopper,
        idempotencyKey,
      }))
    }
    const [fast, slow] = await Promise.all([run(0), run(15)])
    const byIndex = (a: { index: number }, b: { index: number }) => a.index - b.index
    expect(slow.sort(byIndex)).toEqual(fast.sort(byIndex))
    expect(fast.some((r) => r.shopper?.impatient)).toBe(true)
  })

  it('drops arrivals beyond maxInFlight: counted and streamed, never an attempt', async () => {
    const now = clock()
    // Every journey outlasts the phase: the first two hold both places to the end.
    const { player, state } = fakePlayer(now, 400)
    const history = memoryHistory()
    const { figures } = await drive({
      phases: [phase('p', 0, 200, [constant(50)])],
      player,
      now,
      history,
      maxInFlight: 2,
    })
    expect(state.maxInFlight).toBe(2)
    expect(figures.schedule).toMatchObject({ scheduled: 10, started: 2, dropped: 8 })
    expect(figures.journeys.checkout!.arrivals).toBe(2)
    expect(history.records().filter((r) => r.type === 'dropped')).toHaveLength(8)
    expect(figures.timeseries.reduce((sum, p) => sum + (p.errors.dropped ?? 0), 0)).toBe(8)
    const dir = await mkdtemp(join(tmpdir(), 'load-driver-'))
    try {
      await writeFile(join(dir, 'history.ndjson'), history.text())
      expect(await readCheckoutAttempts(join(dir, 'history.ndjson'))).toHaveLength(2)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('counts operations and journeys, and streams a history that reads back', async () => {
    const now = clock()
    const { player } = fakePlayer(now, 0, (ref) => ref.index % 4 === 0)
    const history = memoryHistory()
    const { figures } = await drive({
      phases: [phase('p', 0, 400, [constant(50, { checkout: 1, browse: 1 })])],
      player,
      now,
      history,
    })
    const checkouts = figures.journeys.checkout!
    const browses = figures.journeys.browse!
    expect(checkouts.arrivals + browses.arrivals).toBe(20)
    expect(figures.operations.cart!.attempted).toBe(checkouts.arrivals)
    expect(figures.operations.checkout).toMatchObject({ attempted: checkouts.arrivals, ok: checkouts.ok })
    expect(figures.operations.checkout!.indeterminate).toBe(checkouts.indeterminate)
    expect(checkouts.indeterminate).toBeGreaterThan(0)
    expect(figures.operations.browse).toMatchObject({ attempted: browses.arrivals, ok: browses.arrivals })
    expect(figures.operations.browse!.latencyMs).toEqual({ p50: 1, p90: 1, p95: 1, p99: 1, max: 1 })
    expect(figures.timeseries.reduce((sum, p) => sum + (p.errors['HTTP 503 UNAVAILABLE'] ?? 0), 0)).toBe(
      checkouts.indeterminate,
    )

    const dir = await mkdtemp(join(tmpdir(), 'load-driver-'))
    try {
      const file = join(dir, 'history.ndjson')
      await writeFile(file, history.text())
      const attempts = await readCheckoutAttempts(file)
      expect(attempts).toHaveLength(checkouts.arrivals)
      const first = attempts.find((a) => a.outcome.type === 'info')!
      expect(first).toMatchObject({
        phase: 'p',
        workload: 'default',
        tries: 2,
        outcome: { type: 'info', reason: 'HTTP 503' },
      })
      expect(first.idempotencyKey).toMatch(/^k\d+$/)
      expect(first.latencyMs).toBeCloseTo(first.endMs - first.intendedStartMs, 2)
      expect(attempts.map((a) => a.intendedStartMs)).toEqual(
        [...attempts.map((a) => a.intendedStartMs)].sort((a, b) => a - b),
      )
      const read = await readBrowses(file)
      expect(read).toHaveLength(browses.arrivals)
      expect(read.every((b) => b.ok && b.path === '/v1/products' && b.status === 200)).toBe(true)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('closes a time series point for every second of load, and ticks the live line', async () => {
    const now = clock()
    const { player } = fakePlayer(now)
    const seconds: number[] = []
    const ticks: Array<{ ok: number; dropped: number }> = []
    const { figures, durationMs } = await drive({
      phases: [phase('p', 0, 2_000, [constant(10)])],
      player,
      now,
      onSecond: (point) => seconds.push(point.atMs),
      onTick: (stats) => ticks.push({ ok: stats.ok, dropped: stats.dropped }),
    })
    expect(durationMs).toBeGreaterThanOrEqual(2_000)
    expect(figures.timeseries.slice(0, 2).map((p) => [p.atMs, p.arrivals, p.completions])).toEqual([
      [1_000, 10, 10],
      [2_000, 10, 10],
    ])
    expect(figures.timeseries[0]!.latencyMs!.p99).toBeLessThan(50)
    expect(seconds.slice(0, 2)).toEqual([1_000, 2_000])
    expect(ticks.length).toBeGreaterThanOrEqual(2)
    expect(ticks.at(-1)).toEqual({ ok: 20, dropped: 0 })
  })

  it('stops scheduling when aborted, and lets the journeys in flight finish', async () => {
    const now = clock()
    const { player, refs } = fakePlayer(now, 100)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const { figures, durationMs } = await drive({
      phases: [phase('p', 0, 5_000, [constant(20)]), phase('q', 5_000, 5_000, [constant(20)])],
      player,
      now,
      signal: controller.signal,
    })
    expect(refs.length).toBeGreaterThan(0)
    expect(refs.length).toBeLessThan(10)
    expect(figures.journeys.checkout).toMatchObject({ arrivals: refs.length, ok: refs.length })
    expect(figures.phases.map((p) => p.name)).toEqual(['p'])
    expect(durationMs).toBeLessThan(1_000)
  })

  it('records a player that rejects as indeterminate, never as a failure', async () => {
    const now = clock()
    const player: JourneyPlayer = {
      run: (): Promise<JourneyResult> => Promise.reject(new Error('boom')),
      close: async () => {},
    }
    const history = memoryHistory()
    const { figures } = await drive({ phases: [phase('p', 0, 100, [constant(20)])], player, now, history })
    expect(figures.journeys.checkout).toMatchObject({ arrivals: 2, ok: 0, fail: 0, indeterminate: 2 })
    const ends = history.records().filter((r) => r.type === 'journey')
    expect(ends.map((r) => r.outcome)).toEqual([
      { type: 'info', reason: 'driver-error: boom' },
      { type: 'info', reason: 'driver-error: boom' },
    ])
  })
})

describe('driveLoad against a real server', () => {
  let server: Server | undefined
  afterEach(async () => {
    const s = server
    server = undefined
    if (s) {
      s.closeAllConnections()
      await new Promise<void>((resolve) => s.close(() => resolve()))
    }
  })

  it('keeps 1000 arrivals/s on schedule through an undici pool', async () => {
    server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'))
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 16 })
    const now = clock()
    const player: JourneyPlayer = {
      async run(ref, observe) {
        const startMs = now()
        try {
          const res = await pool.request({ method: 'GET', path: '/v1/products' })
          await res.body.dump()
          observe?.({ name: 'browse', startMs, endMs: now(), outcome: 'ok', status: res.statusCode })
          return { kind: 'browse', outcome: { type: 'ok' } }
        } catch (error) {
          observe?.({ name: 'browse', startMs, endMs: now(), outcome: 'info', detail: String(error) })
          return { kind: 'browse', outcome: { type: 'info', reason: 'network' } }
        }
      },
      close: () => pool.close(),
    }
    const dir = await mkdtemp(join(tmpdir(), 'load-driver-'))
    try {
      const file = join(dir, 'history.ndjson')
      const lines: string[] = []
      const { figures } = await drive({
        phases: [phase('p', 0, 1_000, [constant(1_000, { browse: 1 })])],
        player,
        now,
        history: { write: (chunk) => void lines.push(chunk) },
      })
      expect(figures.schedule).toMatchObject({ scheduled: 1_000, started: 1_000, dropped: 0 })
      expect(figures.operations.browse).toMatchObject({ attempted: 1_000, ok: 1_000 })
      // The target is a p99 of 0.5 ms on a quiet machine; a busy test box gets a wide margin.
      expect(figures.schedule.lagMs!.p50).toBeLessThan(25)
      await writeFile(file, lines.join(''))
      // Cut the last line short, as a killed run would leave it.
      const text = await readFile(file, 'utf8')
      await writeFile(file, text.slice(0, text.length - 20))
      const browses = await readBrowses(file)
      expect(browses.length).toBeGreaterThanOrEqual(999)
      expect(browses.every((b) => b.ok)).toBe(true)
    } finally {
      await player.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
