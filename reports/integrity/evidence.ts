import type { ClientAttempt, FaultRecord, LedgerEntry, PlatformOrder } from '../types.js'

/**
 * The run's ground truth, indexed once so each check and each finding's timeline can look
 * things up by order id, checkout key and PaymentIntent. `ledger` / `orders` are empty when
 * their source was skipped; the checks that need them do not run then.
 */
export interface Evidence {
  startedAtMs: number
  /**
   * Each checkout attempt under its own key and under each fresh key its app made up for retries
   * (a client that retried with a new Idempotency-Key): a charge under a fresh key belongs to that
   * checkout. The driver never reuses a key, so a list holds one attempt.
   */
  attemptsByKey: Map<string, ClientAttempt[]>
  faults: readonly FaultRecord[]
  /** Every ledger entry, oldest first (ties in ledger order). */
  ledger: LedgerEntry[]
  /** Captures only, oldest first (ties in ledger order). */
  captures: LedgerEntry[]
  /** Each entry's index in `ledger`. */
  ledgerPosition: Map<LedgerEntry, number>
  ledgerByPaymentIntent: Map<string, LedgerEntry[]>
  ledgerByOrderId: Map<string, LedgerEntry[]>
  ledgerByCheckoutKey: Map<string, LedgerEntry[]>
  orders: readonly PlatformOrder[]
  ordersById: Map<string, PlatformOrder>
  ordersByKey: Map<string, PlatformOrder[]>
  ordersByPaymentIntent: Map<string, PlatformOrder>
}

/** Builds the indexes; `startedAt` anchors ISO timestamps to ms since the run started. */
export function buildEvidence(input: {
  startedAt: string
  attempts: readonly ClientAttempt[]
  faults: readonly FaultRecord[]
  ledger: readonly LedgerEntry[]
  orders: readonly PlatformOrder[]
}): Evidence {
  const ledger = [...input.ledger].sort(byTime)
  const ordersByPaymentIntent = new Map<string, PlatformOrder>()
  for (const order of input.orders) {
    for (const paymentIntentId of order.paymentIntentIds) ordersByPaymentIntent.set(paymentIntentId, order)
  }
  return {
    startedAtMs: Date.parse(input.startedAt),
    attemptsByKey: attemptsByEveryKey(input.attempts),
    faults: input.faults,
    ledger,
    captures: ledger.filter((entry) => entry.type === 'capture'),
    ledgerPosition: new Map(ledger.map((entry, index) => [entry, index])),
    ledgerByPaymentIntent: groupBy(ledger, (entry) => entry.paymentIntentId),
    ledgerByOrderId: groupBy(ledger, (entry) => entry.metadata.order_id || undefined),
    ledgerByCheckoutKey: groupBy(ledger, (entry) => entry.metadata.checkout_key || undefined),
    orders: input.orders,
    ordersById: new Map(input.orders.map((order) => [order.id, order])),
    ordersByKey: groupBy(input.orders, (order) => order.idempotencyKey),
    ordersByPaymentIntent,
  }
}

/** Every key a checkout was sent under, its own first: the fresh ones belong to the same checkout. */
export function keysOf(attempt: ClientAttempt): string[] {
  return [
    attempt.idempotencyKey,
    ...(attempt.freshKeys ?? []).filter((key) => key !== attempt.idempotencyKey),
  ]
}

function attemptsByEveryKey(attempts: readonly ClientAttempt[]): Map<string, ClientAttempt[]> {
  const byKey = new Map<string, ClientAttempt[]>()
  for (const attempt of attempts) {
    for (const key of keysOf(attempt)) {
      const list = byKey.get(key)
      if (list === undefined) byKey.set(key, [attempt])
      else list.push(attempt)
    }
  }
  return byKey
}

/** What was refunded on a PaymentIntent, in minor units. */
export function refundedOn(evidence: Evidence, paymentIntentId: string): number {
  return (evidence.ledgerByPaymentIntent.get(paymentIntentId) ?? [])
    .filter((entry) => entry.type === 'refund')
    .reduce((sum, entry) => sum + entry.amount, 0)
}

/** Groups items by a key, keeping their order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    if (key === undefined) continue
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  return groups
}

/** By time; entries of the same ms keep the ledger's own (append, so causal) order, as sort is stable. */
function byTime(a: LedgerEntry, b: LedgerEntry): number {
  return (Date.parse(a.createdAt) || 0) - (Date.parse(b.createdAt) || 0)
}
