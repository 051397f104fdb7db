import { Pool } from 'undici'
import type { Random } from '../../lib/random.js'
import type { BrowseRequest } from '../../reports/types.js'
import { sleep } from './abortable-sleep.js'

/** A phase as the browse driver plays it (a `PlannedPhase` is one). */
export interface BrowsePhase {
  name: string
  /** ms since the run started. */
  startMs: number
  durationMs: number
  /** Browsing requests per second; 0 = none in this phase. */
  browseRate: number
}

export interface BrowseDriverOptions {
  phases: readonly BrowsePhase[]
  /** Base URL of the platform as shoppers reach it (the `platform` proxy link). */
  baseUrl: string
  /** The paths a request reads, one picked per request with `random` (e.g. the list and a product page). */
  pages: readonly string[]
  /** The run's seeded random source (never Math.random): the same seed reads the same pages in order. */
  random: Random
  /** Monotonic ms since the run started (the checkout driver's clock). */
  now: () => number
  /** Per-request timeout, ms; a request that takes longer is a failure. @default 5000 */
  timeoutMs?: number
  /** A bound on concurrent requests; arrivals beyond it are failures (`driver-saturated`), never queued. @default 256 */
  maxInFlight?: number
  /** Connections to the platform. @default 16 */
  connections?: number
  /** Stops scheduling new arrivals (Ctrl-C, a fault that could not be applied). */
  signal?: AbortSignal
}

/**
 * What a shopper browses: the product list and the page of the product they buy, so a read never
 * asks for a SKU the catalog lacks (a 404 would count as a failure of the platform).
 * @example browsePages('sku_tshirt') // ['/v1/products', '/v1/products/sku_tshirt']
 */
export function browsePages(sku: string): string[] {
  return ['/v1/products', `/v1/products/${encodeURIComponent(sku)}`]
}

/** @default of {@link BrowseDriverOptions.timeoutMs} */
export const BROWSE_TIMEOUT_MS = 5_000

/**
 * Browsing beside the checkouts, open model like `driveLoad`: request i of a phase is due at
 * `start + i / browseRate` whatever the answers do, and its latency runs from that intended time,
 * so a stalled catalog shows as latency rather than as less load (no coordinated omission). Each
 * request is one GET of a page picked with the seeded random source. Resolves once the last
 * phase has ended and every request has settled (each owns its timeout).
 * @example
 * const browses = await driveBrowsing({ phases, baseUrl, pages: ['/v1/products'], random: createRandom(7), now })
 */
export async function driveBrowsing(options: BrowseDriverOptions): Promise<BrowseRequest[]> {
  const { phases, pages, random, now, signal } = options
  if (pages.length === 0) throw new Error('Failed to drive browsing: no pages to read')
  const timeoutMs = options.timeoutMs ?? BROWSE_TIMEOUT_MS
  const maxInFlight = options.maxInFlight ?? 256
  const pool = new Pool(options.baseUrl, {
    connections: options.connections ?? 16,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4_000,
  })
  const requests: BrowseRequest[] = []
  const pending = new Set<Promise<void>>()

  const read = async (path: string): Promise<Pick<BrowseRequest, 'ok' | 'status' | 'reason'>> => {
    try {
      const res = await pool.request({ method: 'GET', path, signal: AbortSignal.timeout(timeoutMs) })
      // The body is read in full: a page is served when its last byte is, not its headers.
      await res.body.text()
      return { ok: res.statusCode >= 200 && res.statusCode < 300, status: res.statusCode }
    } catch (error) {
      return { ok: false, reason: reasonOf(error) }
    }
  }

  const launch = (phase: string, intendedStartMs: number): void => {
    // Drawn for every arrival, saturated or not, so the pages read depend on the seed alone.
    const path = pages[random.int(pages.length)] ?? pages[0]!
    if (pending.size >= maxInFlight) {
      const endMs = now()
      requests.push({
        phase,
        path,
        intendedStartMs,
        endMs,
        latencyMs: endMs - intendedStartMs,
        ok: false,
        reason: 'driver-saturated',
      })
      return
    }
    const run = read(path)
      .then((answer) => {
        const endMs = now()
        requests.push({ phase, path, intendedStartMs, endMs, latencyMs: endMs - intendedStartMs, ...answer })
      })
      .finally(() => pending.delete(run))
    pending.add(run)
  }

  try {
    for (const phase of phases) {
      if (phase.browseRate <= 0) continue
      const total = Math.floor((phase.durationMs / 1000) * phase.browseRate)
      for (let i = 0; i < total && !signal?.aborted; i++) {
        const intended = phase.startMs + (i * 1000) / phase.browseRate
        const wait = intended - now()
        if (wait > 0) await sleep(wait, signal)
        if (signal?.aborted) break
        launch(phase.name, intended)
      }
    }
    await Promise.all([...pending])
  } finally {
    await pool.close().catch(() => {})
  }
  return requests.sort((a, b) => a.intendedStartMs - b.intendedStartMs)
}

/** A short, stable reason for a request with no answer (never a URL or a body). */
function reasonOf(error: unknown): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown }
  // The request's own signal, or undici's header/body timers set to the same bound.
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout'
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout'
  return typeof code === 'string' ? code : 'network-error'
}
