/**
 * Synthetic run records for the reports' tests: a correct game day built from checkouts that
 * each have an acknowledged attempt, a paid order and an authorised-then-captured PaymentIntent.
 * Tests break one part to prove a check catches it.
 */
import type { BrowseRequest, ClientAttempt, LedgerEntry, PlatformOrder, RunRecord } from '../types.js'

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
