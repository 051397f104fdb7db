/**
 * Synthetic run records for the reports' tests: a correct game day built from checkouts that
 * each have an acknowledged attempt, a paid order and an authorised-then-captured PaymentIntent.
 * Tests break one part to prove a check catches it.
 */
import type {
  BrowseRequest,
  ClientAttempt,
  LatencyFigures,
  LedgerEntry,
  LoadFigures,
  OperationFigures,
  PlatformOrder,
  RunRecord,
  ScheduleFigures,
} from '../types.js'

/** When every synthetic run starts. */
export const STARTED_AT = '2026-01-01T00:00:00.000Z'

/** An ISO time `ms` after the run started. */
export function isoAt(ms: number): string {
  return new Date(Date.parse(STARTED_AT) + ms).toISOString()
}

/** The pieces one checkout leaves behind. */
export interface CheckoutPieces {
  attempt: ClientAttempt
  order: PlatformOrder
  ledger: LedgerEntry[]
}

/** A checkout that went right: `n` makes its ids (`ord_n`, `key_n`, `pi_n`). */
export function aCheckout(
  n: number,
  options: {
    phase?: string
    atMs?: number
    latencyMs?: number
    amountMinor?: number
    currency?: string
  } = {},
): CheckoutPieces {
  const { phase = 'steady', atMs = n * 100, latencyMs = 50, amountMinor = 1200, currency = 'usd' } = options
  const orderId = `ord_${n}`
  const key = `key_${n}`
  const paymentIntentId = `pi_${n}`
  const metadata = { order_id: orderId, checkout_key: key }
  const entry = (type: LedgerEntry['type'], offsetMs: number): LedgerEntry => ({
    id: `${type === 'capture' ? 'ch' : 'auth'}_${n}`,
    type,
    paymentIntentId,
    amount: amountMinor,
    currency,
    idempotencyKey: `${orderId}:${type}`,
    metadata,
    createdAt: isoAt(atMs + offsetMs),
  })
  return {
    attempt: {
      idempotencyKey: key,
      phase,
      intendedStartMs: atMs,
      endMs: atMs + latencyMs,
      latencyMs,
      tries: 1,
      outcome: { type: 'ok', status: 201, orderId, orderStatus: 'paid' },
    },
    order: {
      id: orderId,
      status: 'paid',
      idempotencyKey: key,
      amountMinor,
      currency,
      paymentIntentIds: [paymentIntentId],
      createdAt: isoAt(atMs + 5),
    },
    ledger: [entry('authorization', 10), entry('capture', 20)],
  }
}

/** A correct run of the given checkouts (default three) in one phase `steady` at 10/s over 10 s. */
export function aRunRecord(checkouts: CheckoutPieces[] = [1, 2, 3].map((n) => aCheckout(n))): RunRecord {
  return {
    scenario: 'synthetic',
    seed: 42,
    startedAt: STARTED_AT,
    durationMs: 12_000,
    targetRate: 10,
    safeguards: { idempotency: true },
    phases: [
      { name: 'steady', startMs: 0, endMs: 10_000, targetRate: 10, faults: [] },
      { name: 'quiesce', startMs: 10_000, endMs: 12_000, targetRate: 0, faults: [] },
    ],
    slos: [],
    attempts: checkouts.map((checkout) => checkout.attempt),
    ledger: checkouts.flatMap((checkout) => checkout.ledger),
    orders: checkouts.map((checkout) => checkout.order),
    faultsInjected: [],
  }
}

/**
 * Checkouts 1 and 2, where checkout 1 was also sent under a fresh key (`key_1~fresh1`) its shopper's
 * app made up for a retry: the platform saw a new checkout (order 9, `pi_9`) and charged it too.
 * The driver records one attempt for the journey, under its own key, listing the fresh key.
 */
export function aFreshKeyDoubleCharge(): { record: RunRecord; freshKey: string } {
  const first = aCheckout(1)
  const freshKey = 'key_1~fresh1'
  const retry = aCheckout(9, { atMs: 600 })
  retry.order.idempotencyKey = freshKey
  for (const entry of retry.ledger) entry.metadata = { order_id: 'ord_9', checkout_key: freshKey }
  first.attempt.freshKeys = [freshKey]
  const record = aRunRecord([first, retry, aCheckout(2)])
  // The journey's one attempt stands for both keys: the retry leaves no attempt of its own.
  record.attempts = record.attempts.filter((attempt) => attempt !== retry.attempt)
  return { record, freshKey }
}

/** Browsing request n: a product-list read in phase `steady` at n × 100 ms, answered 200 in 5 ms unless told. */
export function aBrowse(
  n: number,
  options: { phase?: string; atMs?: number; latencyMs?: number; ok?: boolean } = {},
): BrowseRequest {
  const atMs = options.atMs ?? n * 100
  const latencyMs = options.latencyMs ?? 5
  const ok = options.ok ?? true
  return {
    phase: options.phase ?? 'steady',
    path: n % 2 === 0 ? '/v1/products' : '/v1/products/sku_1',
    intendedStartMs: atMs,
    endMs: atMs + latencyMs,
    latencyMs,
    ok,
    ...(ok ? { status: 200 } : { reason: 'timeout' }),
  }
}

/** Latency figures rising from `p50` ms: p90 ×2, p95 ×3, p99 ×4, max ×5. */
function aLatency(p50: number): LatencyFigures {
  return { p50, p90: p50 * 2, p95: p50 * 3, p99: p50 * 4, max: p50 * 5 }
}

/** An operation sent `attempted` times, all but `bad` of them ok (the bad ones indeterminate), latency from `p50`. */
export function anOperation(attempted: number, p50: number, bad = 0): OperationFigures {
  return {
    attempted,
    ok: attempted - bad,
    fail: 0,
    indeterminate: bad,
    ...(attempted > 0 ? { latencyMs: aLatency(p50) } : {}),
  }
}

/**
 * The load driver's figures for `aRunRecord()`'s `steady` phase (the quiet `quiesce` is not listed, as
 * the driver lists no phase it sent nothing in): 3 checkout journeys beside browsing, a kept schedule
 * but for `dropped` arrivals, and one time-series point per second.
 */
export function aLoad(options: { dropped?: number; historyFile?: string } = {}): LoadFigures {
  const dropped = options.dropped ?? 0
  const operations = {
    browse: anOperation(40, 4),
    view: anOperation(30, 6),
    cart: anOperation(6, 8),
    item: anOperation(6, 9),
    checkout: anOperation(4, 50, 1),
    status: anOperation(3, 3),
  }
  const journeys = {
    browse: { arrivals: 40, ok: 40, fail: 0, indeterminate: 0, latencyMs: aLatency(4) },
    view: { arrivals: 30, ok: 30, fail: 0, indeterminate: 0, latencyMs: aLatency(6) },
    checkout: { arrivals: 3, ok: 3, fail: 0, indeterminate: 0, latencyMs: aLatency(50) },
  }
  const schedule: ScheduleFigures = {
    scheduled: 73 + dropped,
    started: 73,
    dropped,
    lagMs: { p50: 0.1, p99: 0.4, max: 1.2 },
  }
  return {
    operations,
    journeys,
    schedule,
    phases: [{ name: 'steady', operations, journeys, schedule }],
    timeseries: Array.from({ length: 10 }, (_, i) => ({
      atMs: (i + 1) * 1000,
      arrivals: 7 + (i % 2),
      completions: 7,
      ...(i % 3 === 0 ? { latencyMs: { p50: 40, p95: 55 + i, p99: 60 + i } } : {}),
      errors: i === 4 ? { 'HTTP 503': 1, ...(dropped > 0 ? { dropped } : {}) } : {},
    })),
    ...(options.historyFile === undefined ? {} : { historyFile: options.historyFile }),
  }
}

/** The record's ledger, asserting it was read. */
export function ledgerOf(record: RunRecord): LedgerEntry[] {
  if (!Array.isArray(record.ledger)) throw new Error('Failed to read ledger (synthetic): skipped')
  return record.ledger
}

/** The record's orders, asserting they were read. */
export function ordersOf(record: RunRecord): PlatformOrder[] {
  if (!Array.isArray(record.orders)) throw new Error('Failed to read orders (synthetic): skipped')
  return record.orders
}
