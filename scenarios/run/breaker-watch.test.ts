import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../lib/clock.js'
import { watchBreakers } from './breaker-watch.js'

type Entry = { vendor: string; state: string; fromMs: number; toMs?: number }

/** A stand-in for the platform's breaker board: answers whatever history the test sets. */
async function board(): Promise<{ url: string; set(history: Entry[] | 'down'): void; server: Server }> {
  let history: Entry[] | 'down' = []
  const server = createServer((req, res) => {
    if (history === 'down' || req.url !== '/__admin/breakers') {
      res.statusCode = 503
      res.end()
      return
    }
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ atMs: 0, breakers: [], history }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, set: (h) => (history = h), server }
}

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

describe('watchBreakers', () => {
  it('keeps each state with run-relative times, says when a breaker opens and closes, and survives a down board', async () => {
    const b = await board()
    server = b.server
    const zero = 1_000_000
    const events: string[] = []
    const watch = watchBreakers({
      platformUrl: () => b.url,
      clock: systemClock,
      zeroEpochMs: zero,
      everyMs: 20,
      onEvent: (e) => events.push(e),
    })
    b.set([{ vendor: 'fraud', state: 'closed', fromMs: zero - 500 }])
    await new Promise((r) => setTimeout(r, 80))
    b.set([
      { vendor: 'fraud', state: 'closed', fromMs: zero - 500, toMs: zero + 8_000 },
      { vendor: 'fraud', state: 'open', fromMs: zero + 8_000 },
    ])
    await new Promise((r) => setTimeout(r, 80))
    // The platform crashed: what was read before stays.
    b.set('down')
    await new Promise((r) => setTimeout(r, 80))
    b.set([
      { vendor: 'fraud', state: 'closed', fromMs: zero - 500, toMs: zero + 8_000 },
      { vendor: 'fraud', state: 'open', fromMs: zero + 8_000, toMs: zero + 13_000 },
      { vendor: 'fraud', state: 'half_open', fromMs: zero + 13_000, toMs: zero + 13_400 },
      { vendor: 'fraud', state: 'closed', fromMs: zero + 13_400 },
    ])
    const spans = await watch.stop()
    expect(spans).toEqual([
      { vendor: 'fraud', state: 'closed', fromMs: 0, toMs: 8_000 },
      { vendor: 'fraud', state: 'open', fromMs: 8_000, toMs: 13_000 },
      { vendor: 'fraud', state: 'half_open', fromMs: 13_000, toMs: 13_400 },
      { vendor: 'fraud', state: 'closed', fromMs: 13_400 },
    ])
    expect(events).toEqual([
      'fraud circuit breaker open at 8.0 s',
      'fraud circuit breaker half-open at 13.0 s',
      'fraud circuit breaker closed at 13.4 s',
    ])
  })

  it('returns no spans when the board never answers', async () => {
    const watch = watchBreakers({
      platformUrl: () => 'http://127.0.0.1:9',
      clock: systemClock,
      zeroEpochMs: 0,
      everyMs: 10,
    })
    await new Promise((r) => setTimeout(r, 40))
    expect(await watch.stop()).toEqual([])
  })
})
