import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { createRandom } from '../../lib/random.js'
import { browsePages, driveBrowsing } from './browse-driver.js'

const clock = () => {
  const t0 = performance.now()
  return () => performance.now() - t0
}

let server: Server | undefined
const hangs: ServerResponse[] = []

/** A tiny platform: the product list, one product page, 404 for anything else; `slowMs` delays answers. */
async function startCatalog(
  handle: (req: IncomingMessage, res: ServerResponse) => void = answer,
): Promise<string> {
  server = createServer(handle)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function answer(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/v1/products' || req.url === '/v1/products/sku_tshirt') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"products":[]}')
  } else res.writeHead(404).end()
}

afterEach(async () => {
  for (const res of hangs.splice(0)) res.destroy()
  const s = server
  server = undefined
  if (s) {
    s.closeAllConnections()
    await new Promise<void>((resolve) => s.close(() => resolve()))
  }
})

const PAGES = browsePages('sku_tshirt')

describe('driveBrowsing', () => {
  it('sends each phase its own number of reads on a fixed schedule, and counts the answers', async () => {
    const baseUrl = await startCatalog()
    const browses = await driveBrowsing({
      phases: [
        { name: 'a', startMs: 0, durationMs: 200, browseRate: 50 },
        { name: 'none', startMs: 200, durationMs: 100, browseRate: 0 },
        { name: 'b', startMs: 300, durationMs: 100, browseRate: 100 },
      ],
      baseUrl,
      pages: PAGES,
      random: createRandom(7),
      now: clock(),
    })
    expect(browses.filter((b) => b.phase === 'a')).toHaveLength(10)
    expect(browses.filter((b) => b.phase === 'none')).toHaveLength(0)
    expect(browses.filter((b) => b.phase === 'b')).toHaveLength(10)
    expect(browses.slice(0, 3).map((b) => b.intendedStartMs)).toEqual([0, 20, 40])
    expect(browses.every((b) => b.ok && b.status === 200)).toBe(true)
    for (const b of browses) expect(b.latencyMs).toBeCloseTo(b.endMs - b.intendedStartMs)
  })

  it('picks pages with the seeded random source: the same seed reads the same pages', async () => {
    const baseUrl = await startCatalog()
    const run = async (seed: number) =>
      (
        await driveBrowsing({
          phases: [{ name: 'a', startMs: 0, durationMs: 200, browseRate: 100 }],
          baseUrl,
          pages: PAGES,
          random: createRandom(seed),
          now: clock(),
        })
      ).map((b) => b.path)
    const first = await run(7)
    expect(await run(7)).toEqual(first)
    expect(new Set(first)).toEqual(new Set(PAGES))
  })

  it('counts a non-2xx answer and a timeout as failures, with latency from the intended start', async () => {
    const baseUrl = await startCatalog((req, res) => {
      if (req.url === '/hang') hangs.push(res)
      else answer(req, res)
    })
    const browses = await driveBrowsing({
      phases: [{ name: 'a', startMs: 0, durationMs: 100, browseRate: 30 }],
      baseUrl,
      pages: ['/hang', '/v1/products/nope'],
      random: createRandom(1),
      now: clock(),
      timeoutMs: 150,
    })
    expect(browses).toHaveLength(3)
    expect(browses.every((b) => !b.ok)).toBe(true)
    const hung = browses.filter((b) => b.path === '/hang')
    for (const b of hung) {
      expect(b.reason).toBe('timeout')
      expect(b.latencyMs).toBeGreaterThanOrEqual(140)
    }
    for (const b of browses.filter((b) => b.path !== '/hang')) expect(b.status).toBe(404)
  })

  it('records arrivals beyond the in-flight cap as failures instead of queueing them', async () => {
    const baseUrl = await startCatalog((_req, res) => void hangs.push(res))
    const browses = await driveBrowsing({
      phases: [{ name: 'a', startMs: 0, durationMs: 100, browseRate: 50 }],
      baseUrl,
      pages: PAGES,
      random: createRandom(1),
      now: clock(),
      // Long enough that the first two are still in flight when the last arrival is due.
      timeoutMs: 1_000,
      maxInFlight: 2,
    })
    expect(browses).toHaveLength(5)
    expect(browses.filter((b) => b.reason === 'driver-saturated')).toHaveLength(3)
    expect(browses.every((b) => !b.ok)).toBe(true)
  })

  it('browses the product list and the page of the product the shopper buys', () => {
    expect(browsePages('sku_tshirt')).toEqual(['/v1/products', '/v1/products/sku_tshirt'])
    expect(browsePages('a/b')).toEqual(['/v1/products', '/v1/products/a%2Fb'])
  })

  it('stops scheduling when its signal aborts', async () => {
    const baseUrl = await startCatalog()
    const stop = new AbortController()
    setTimeout(() => stop.abort(), 100)
    const browses = await driveBrowsing({
      phases: [{ name: 'a', startMs: 0, durationMs: 10_000, browseRate: 50 }],
      baseUrl,
      pages: PAGES,
      random: createRandom(1),
      now: clock(),
      signal: stop.signal,
    })
    expect(browses.length).toBeGreaterThan(0)
    expect(browses.length).toBeLessThan(100)
  })
})
