import type { Clock } from '../../lib/clock.js'
import type { BreakerState } from './clock-breaker.js'

/** A vendor the platform calls through a breaker. */
export type BoardVendor = 'psp' | 'tax' | 'fraud'

/** A breaker's state as the admin API shows it; `disabled` when the `circuit-breaker` safeguard is off. */
export type BoardState = 'closed' | 'open' | 'half_open' | 'disabled'

/** A bulkhead's calls in flight and queued, and its limits. */
export interface BulkheadLoad {
  inFlight: number
  queued: number
  maxConcurrent: number
  maxQueued: number
}

/** One stretch of time a vendor's breaker spent in one state; `toMs` absent while it lasts. */
export interface BreakerSpan {
  vendor: BoardVendor
  state: BoardState
  /** Epoch ms on the platform's clock. */
  fromMs: number
  toMs?: number
}

/** What the board shows now. */
export interface BreakerBoardView {
  /** Epoch ms on the platform's clock when read. */
  atMs: number
  breakers: { vendor: BoardVendor; state: BoardState; bulkhead?: BulkheadLoad }[]
  /** Oldest first; the last span of each vendor is its current state. */
  history: BreakerSpan[]
}

/** Where a vendor's breaker and bulkhead report; one per app. */
export interface BreakerBoard {
  /**
   * Starts showing `vendor` (closed, or `disabled` when its breaker is off); `bulkhead` reads its
   * load when the board is read. Returns the listener for its breaker's state changes.
   */
  track(
    vendor: BoardVendor,
    options: { enabled: boolean; bulkhead?: () => BulkheadLoad },
  ): (state: BreakerState) => void
  read(): BreakerBoardView
}

/** Spans kept, oldest dropped first: a flapping breaker must not grow memory without bound. */
const DEFAULT_MAX_HISTORY = 1_000

/**
 * Records each vendor's breaker state over time on the platform's clock, so a game day's
 * dashboard and report can show when a breaker opened and closed.
 *
 * @example
 * const board = createBreakerBoard(systemClock)
 * const onStateChange = board.track('psp', { enabled: true })
 * onStateChange('open') // board.read().breakers → [{ vendor: 'psp', state: 'open' }]
 */
export function createBreakerBoard(clock: Clock, maxHistory = DEFAULT_MAX_HISTORY): BreakerBoard {
  const current = new Map<BoardVendor, { span: BreakerSpan; bulkhead?: () => BulkheadLoad }>()
  const history: BreakerSpan[] = []
  const begin = (vendor: BoardVendor, state: BoardState): BreakerSpan => {
    const span: BreakerSpan = { vendor, state, fromMs: clock.now() }
    history.push(span)
    if (history.length > maxHistory) history.splice(0, history.length - maxHistory)
    return span
  }
  return {
    track(vendor, { enabled, bulkhead }) {
      const previous = current.get(vendor)
      if (previous) previous.span.toMs = clock.now()
      current.set(vendor, {
        span: begin(vendor, enabled ? 'closed' : 'disabled'),
        ...(bulkhead ? { bulkhead } : {}),
      })
      return (state) => {
        const entry = current.get(vendor)
        const next = boardState(state)
        if (!entry || entry.span.state === next) return
        entry.span.toMs = clock.now()
        entry.span = begin(vendor, next)
      }
    },
    read: () => ({
      atMs: clock.now(),
      breakers: [...current].map(([vendor, { span, bulkhead }]) => ({
        vendor,
        state: span.state,
        ...(bulkhead ? { bulkhead: bulkhead() } : {}),
      })),
      history: history.map((span) => ({ ...span })),
    }),
  }
}

function boardState(state: BreakerState): BoardState {
  return state === 'half-open' ? 'half_open' : state
}
