import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../lib/clock.js'
import type { QueueSample } from '../../reports/types.js'
import { boundedSamples, watchQueue } from './queue-watch.js'

type Answer = { outboxPending: number; brokerPending: number | null; consumed: number }
type Mode = Answer | 'down' | 'hang' | 'garbage' | 404

/** A stand-in for the platform's queue board: answers whatever the test sets, and counts the asks. */
async function queueBoard(): Promise<{
  url: string
  set(mode: Mode): void
  asked(): number
  server: Server
}> {
  let mode: Mode = 404
  let asked = 0
  const server = createServer((req, res) => {
    asked += 1
    if (req.url !== '/__admin/queue' || mode === 404) {
      res.statusCode = 404
      res.end()
    } else if (mode === 'down') {
      res.statusCode = 503
      res.end()
    } else if (mode === 'hang') {
      // Never answers: the watch's timeout ends the read.
    } else {
      res.setHeader('content-type', 'application/json')
      res.end(mode === 'garbage' ? JSON.stringify({ outboxPending: 'many' }) : JSON.stringify(mode))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, set: (m) => (mode = m), asked: () => asked, server }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let server: Server | undefined
afterEach(async () => {
  const s = server
  server = undefined
  if (!s) return
  s.closeAllConnections()
  await new Promise<void>((resolve) => s.close(() => resolve()))
})

describe('watchQueue', () => {
  it('reads the backlog on the run’s clock, counts an unknown broker backlog as 0, and rides out a down, hung or garbled board', async () => {
    const board = await queueBoard()
    server = board.server
    const started = systemClock.monotonic()
    board.set({ outboxPending: 4, brokerPending: 2, consumed: 10 })
    const watch = watchQueue({
      platformUrl: () => board.url,
      clock: systemClock,
      elapsed: () => systemClock.monotonic() - started + 5_000,
      everyMs: 10,
      timeoutMs: 50,
    })
    // Reads are one at a time: two more asks mean one was answered in the mode set.
    const twoMoreAsks = async () => {
      const target = board.asked() + 2
      while (board.asked() < target) await pause(5)
    }
    await twoMoreAsks()
    board.set('down')
    await twoMoreAsks()
    board.set('hang')
    await twoMoreAsks()
    board.set('garbage')
    await twoMoreAsks()
    board.set({ outboxPending: 7, brokerPending: null, consumed: 12 })
    await twoMoreAsks()
    board.set({ outboxPending: 0, brokerPending: 0, consumed: 21 })
    const record = await watch.stop()
    const samples = record?.samples ?? []
    expect(samples[0]).toMatchObject({ outboxPending: 4, brokerPending: 2, backlog: 6 })
    expect(samples[0]!.atMs).toBeGreaterThanOrEqual(5_000)
    expect(samples).toContainEqual(
      expect.objectContaining({ outboxPending: 7, brokerPending: null, backlog: 7 }),
    )
    // The last reading, taken by stop(): the drained queue and the consumer's total.
    expect(samples.at(-1)).toMatchObject({ backlog: 0, brokerPending: 0 })
    expect(record?.consumed).toBe(21)
    expect(samples.every((s, i) => i === 0 || s.atMs >= samples[i - 1]!.atMs)).toBe(true)
    expect(samples.map((s) => s.backlog)).not.toContain(Number.NaN)
  })

  it('records nothing and stops asking when the platform has no queue board (404)', async () => {
    const board = await queueBoard()
    server = board.server
    const watch = watchQueue({
      platformUrl: () => board.url,
      clock: systemClock,
      elapsed: () => 0,
      everyMs: 10,
    })
    await pause(80)
    expect(await watch.stop()).toBeUndefined()
    expect(board.asked()).toBe(1)
  })

  it('waits for an empty queue through the settle wait, at most as long as it is given', async () => {
    const board = await queueBoard()
    server = board.server
    board.set({ outboxPending: 0, brokerPending: 3, consumed: 5 })
    const watch = watchQueue({
      platformUrl: () => board.url,
      clock: systemClock,
      elapsed: () => 0,
      everyMs: 10,
    })
    try {
      expect(await watch.untilEmpty(0)).toBe(true) // no reading yet: nothing known to wait for
      while (board.asked() < 2) await pause(5)
      expect(await watch.untilEmpty(30)).toBe(false)
      board.set({ outboxPending: 0, brokerPending: null, consumed: 5 })
      expect(await watch.untilEmpty(30)).toBe(false) // an unknown broker backlog is not an empty one
      board.set({ outboxPending: 0, brokerPending: 0, consumed: 8 })
      expect(await watch.untilEmpty(5_000)).toBe(true)
    } finally {
      await watch.stop()
    }
  })

  it('records nothing when the platform never answers', async () => {
    const watch = watchQueue({
      platformUrl: () => 'http://127.0.0.1:9',
      clock: systemClock,
      elapsed: () => 0,
      everyMs: 10,
    })
    await pause(40)
    expect(await watch.stop()).toBeUndefined()
  })
})

describe('boundedSamples', () => {
  const reading = (atMs: number, backlog: number, brokerPending: number | null = 0): QueueSample => ({
    atMs,
    outboxPending: backlog,
    brokerPending,
    backlog,
  })

  it('halves its resolution when full, keeping the peak and never an empty reading early', () => {
    const kept = boundedSamples(4)
    // 0, 5, 9 (peak), 3, then 0 at 1 000 and 1 250.
    for (const [atMs, backlog] of [
      [0, 0],
      [250, 5],
      [500, 9],
      [750, 3],
      [1_000, 0],
      [1_250, 0],
    ] as const)
      kept.push(reading(atMs, backlog))
    const list = kept.list()
    expect(list.length).toBeLessThanOrEqual(4)
    expect(Math.max(...list.map((s) => s.backlog))).toBe(9)
    expect(list.find((s) => s.atMs === 500)?.backlog).toBe(9)
    // The first empty reading after the peak is no earlier than the real one.
    const firstEmpty = list.find((s) => s.atMs > 500 && s.backlog === 0)
    expect(firstEmpty!.atMs).toBeGreaterThanOrEqual(1_000)
  })

  it('keeps an unknown broker backlog unknown when it merges', () => {
    const kept = boundedSamples(2)
    kept.push(reading(0, 0, null))
    kept.push(reading(250, 0))
    kept.push(reading(500, 0))
    expect(kept.list()[0]).toMatchObject({ atMs: 0, brokerPending: null })
  })

  it('stays bounded over a long run', () => {
    const kept = boundedSamples(2_400)
    for (let i = 0; i < 20_000; i++) kept.push(reading(i * 250, i % 7))
    expect(kept.list().length).toBeLessThanOrEqual(2_400)
    expect(kept.list().at(-1)?.atMs).toBe(19_999 * 250)
  })
})
