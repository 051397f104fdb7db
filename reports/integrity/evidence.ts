import type { ClientAttempt, FaultRecord, LedgerEntry, PlatformOrder } from '../types.js'

/**
 * The run's ground truth, indexed once so each check and each finding's timeline can look
 * things up by order id, checkout key and PaymentIntent. `ledger` / `orders` are empty when
 * their source was skipped; the checks that need them do not run then.
 */
export interface Evidence {
  startedAtMs: number
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
    attemptsByKey: groupBy(input.attempts, (attempt) => attempt.idempotencyKey),
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
