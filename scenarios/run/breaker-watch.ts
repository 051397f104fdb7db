import { request } from 'undici'
import type { Clock } from '../../lib/clock.js'
import type { BreakerSpan } from '../../reports/types.js'

/** What the platform's `GET /__admin/breakers` answers (the part read here). */
interface BreakerBoardAnswer {
  history?: Array<{ vendor: string; state: string; fromMs: number; toMs?: number }>
}

export interface BreakerWatchOptions {
  /** The platform's base URL (the same across restarts: a restart comes back on its port). */
  platformUrl: () => string
  clock: Clock
  /** Epoch ms of the run's zero: spans are reported in ms since then. */
  zeroEpochMs: number
  /** How often to read the board, ms. @default 500 */
  everyMs?: number
  /** One line per breaker that opened, half-opened or closed again. */
  onEvent?: (event: string) => void
}

export interface BreakerWatch {
  /** Reads the board once more, stops polling, and returns every state each breaker was in. */
  stop(): Promise<BreakerSpan[]>
}

/**
 * Follows the platform's circuit breakers through a game day by reading its breaker board
 * (`GET /__admin/breakers`) every half second. The board keeps exact transition times, so the
 * poll rate bounds only how late the live line is, not the report's figures. A crashed platform
 * forgets its board: whatever was read before the crash is kept here, and a failed read is
 * skipped (the platform may be down; that is the point of some game days).
 *
 * @example const watch = watchBreakers({ platformUrl: () => url, clock, zeroEpochMs: clock.now() }); … const spans = await watch.stop()
 */
export function watchBreakers(options: BreakerWatchOptions): BreakerWatch {
  const spans = new Map<string, BreakerSpan>()
  const every = options.everyMs ?? 500
  let stopped = false
  let cancel: (() => void) | undefined
  let inFlight: Promise<void> = Promise.resolve()
  const relative = (epochMs: number) => Math.max(0, Math.round(epochMs - options.zeroEpochMs))

  const read = async () => {
    let answer: BreakerBoardAnswer
    try {
      const res = await request(`${options.platformUrl()}/__admin/breakers`, {
        headersTimeout: 2_000,
        bodyTimeout: 2_000,
      })
      if (res.statusCode !== 200) {
        await res.body.dump()
        return
      }
      answer = (await res.body.json()) as BreakerBoardAnswer
    } catch {
      return
    }
    for (const entry of answer.history ?? []) {
      const key = `${entry.vendor}|${entry.fromMs}|${entry.state}`
      const known = spans.get(key)
      const toMs = entry.toMs === undefined ? undefined : relative(entry.toMs)
      if (known) {
        if (toMs !== undefined) known.toMs = toMs
        continue
      }
      const span: BreakerSpan = {
        vendor: entry.vendor,
        state: entry.state,
        fromMs: relative(entry.fromMs),
        ...(toMs !== undefined ? { toMs } : {}),
      }
      // Closed is news only after a state that was not (a fresh or restarted platform starts closed).
      const before = [...spans.values()]
        .filter((s) => s.vendor === span.vendor && s.fromMs <= span.fromMs)
        .sort((a, b) => b.fromMs - a.fromMs)[0]
      spans.set(key, span)
      const settled = (state: string) => state === 'closed' || state === 'disabled'
      if (!settled(span.state) || (before !== undefined && !settled(before.state))) {
        options.onEvent?.(
          `${span.vendor} circuit breaker ${span.state.replace('_', '-')} at ${(span.fromMs / 1000).toFixed(1)} s`,
        )
      }
    }
  }

  const schedule = () => {
    if (stopped) return
    cancel = options.clock.setTimeout(() => {
      inFlight = read().finally(schedule)
    }, every)
  }
  schedule()

  return {
    async stop() {
      stopped = true
      cancel?.()
      await inFlight
      await read()
      return [...spans.values()].sort((a, b) => a.fromMs - b.fromMs || a.vendor.localeCompare(b.vendor))
    },
  }
}
