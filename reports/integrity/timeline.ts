import type { TimelineEvent } from '../report.js'
import type { ClientAttempt, LedgerEntry, PlatformOrder } from '../types.js'
import type { Evidence } from './evidence.js'

/** What a finding is about; the timeline gathers everything that touches any of these. */
export interface TimelineSubject {
  orderIds?: readonly (string | undefined)[]
  keys?: readonly (string | undefined)[]
  paymentIntentIds?: readonly (string | undefined)[]
}

/**
 * A finding's witness, oldest first: the client's attempts for the checkout keys, the
 * platform's orders, the PSP ledger's entries, and the faults active meanwhile.
 * Events whose ISO time cannot be read are left out rather than placed at a made-up time.
 */
export function timelineFor(evidence: Evidence, subject: TimelineSubject): TimelineEvent[] {
  const orderIds = new Set(defined(subject.orderIds))
  const keys = new Set(defined(subject.keys))
  const paymentIntentIds = new Set(defined(subject.paymentIntentIds))
  const orders = new Set<PlatformOrder>()
  for (const id of orderIds) {
    const order = evidence.ordersById.get(id)
    if (order !== undefined) orders.add(order)
  }
  for (const key of keys) for (const order of evidence.ordersByKey.get(key) ?? []) orders.add(order)
  for (const order of orders) {
    keys.add(order.idempotencyKey)
    for (const paymentIntentId of order.paymentIntentIds) paymentIntentIds.add(paymentIntentId)
  }
  const entries = new Set<LedgerEntry>()
  const addAll = (found: readonly LedgerEntry[] | undefined) => found?.forEach((entry) => entries.add(entry))
  for (const id of paymentIntentIds) addAll(evidence.ledgerByPaymentIntent.get(id))
  for (const id of orderIds) addAll(evidence.ledgerByOrderId.get(id))
  for (const key of keys) addAll(evidence.ledgerByCheckoutKey.get(key))
  const events: TimelineEvent[] = []
  // A checkout is listed under its fresh keys too: its events are told once.
  const told = new Set<ClientAttempt>()
  for (const key of [...keys].sort()) {
    for (const attempt of evidence.attemptsByKey.get(key) ?? []) {
      if (told.has(attempt)) continue
      told.add(attempt)
      events.push(...attemptEvents(attempt))
    }
  }
  for (const order of [...orders].sort(byCreation)) {
    push(events, atMsOf(evidence, order.createdAt), 'platform', describeOrder(order))
  }
  // Entries of the same ms keep the ledger's (append, so causal) order.
  const position = (entry: LedgerEntry) => evidence.ledgerPosition.get(entry) ?? 0
  for (const entry of [...entries].sort((a, b) => position(a) - position(b))) {
    push(events, atMsOf(evidence, entry.createdAt), 'psp', describeEntry(entry))
  }
  if (events.length > 0) {
    const fromMs = Math.min(...events.map((event) => event.atMs))
    const toMs = Math.max(...events.map((event) => event.atMs))
    for (const fault of evidence.faults) {
      if (fault.toMs < fromMs || fault.fromMs > toMs) continue
      const what = `${fault.kind} on ${fault.target} ${JSON.stringify(fault.params)}`
      events.push({ atMs: fault.fromMs, source: 'fault', event: `fault applied: ${what}` })
      events.push({ atMs: fault.toMs, source: 'fault', event: `fault healed: ${what}` })
    }
  }
  // Array.prototype.sort is stable, so events at the same ms keep their causal order.
  return events.sort((a, b) => a.atMs - b.atMs)
}

function attemptEvents(attempt: ClientAttempt): TimelineEvent[] {
  const { outcome } = attempt
  const tries = `after ${attempt.tries} ${attempt.tries === 1 ? 'try' : 'tries'}`
  const ended =
    outcome.type === 'ok'
      ? `acknowledged (HTTP ${outcome.status}): order ${outcome.orderId} ${outcome.orderStatus}, ${tries}`
      : outcome.type === 'fail'
        ? `refused (HTTP ${outcome.status} ${outcome.code}), ${tries}`
        : `indeterminate: ${outcome.reason}${outcome.status === undefined ? '' : ` (HTTP ${outcome.status})`}, ${tries}`
  return [
    { atMs: attempt.intendedStartMs, source: 'client', event: `checkout ${attempt.idempotencyKey} invoked` },
    { atMs: attempt.endMs, source: 'client', event: `checkout ${attempt.idempotencyKey} ${ended}` },
  ]
}

function describeOrder(order: PlatformOrder): string {
  const intents = order.paymentIntentIds.length > 0 ? order.paymentIntentIds.join(', ') : 'none'
  return (
    `order ${order.id} created for checkout ${order.idempotencyKey}: ${order.amountMinor} ${order.currency}; ` +
    `final status ${order.status}; payment intents ${intents}`
  )
}

function describeEntry(entry: LedgerEntry): string {
  const order = entry.metadata.order_id === undefined ? 'no order_id' : `order ${entry.metadata.order_id}`
  const key = entry.idempotencyKey === null ? 'no Idempotency-Key' : `Idempotency-Key ${entry.idempotencyKey}`
  return `${entry.type} ${entry.id} of ${entry.paymentIntentId}: ${entry.amount} ${entry.currency} (${order}, ${key})`
}

function atMsOf(evidence: Evidence, iso: string): number {
  return Date.parse(iso) - evidence.startedAtMs
}

function push(events: TimelineEvent[], atMs: number, source: TimelineEvent['source'], event: string): void {
  if (Number.isFinite(atMs)) events.push({ atMs, source, event })
}

function defined(values: readonly (string | undefined)[] | undefined): string[] {
  return (values ?? []).filter((value): value is string => value !== undefined && value !== '')
}

function byCreation(a: PlatformOrder, b: PlatformOrder): number {
  return (Date.parse(a.createdAt) || 0) - (Date.parse(b.createdAt) || 0)
}
