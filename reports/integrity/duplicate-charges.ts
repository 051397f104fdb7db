import type { Finding } from '../report.js'
import type { LedgerEntry } from '../types.js'
import { money, type CheckResult } from './check-result.js'
import { groupBy, refundedOn, type Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/**
 * Extra charges, from the PSP ledger: entries are grouped by `metadata.order_id` and by
 * `metadata.checkout_key`; in each group every capture after the first is extra, and so is every
 * PaymentIntent that authorised money it never captured beside the one the group kept (the first
 * captured, else the first authorised): with manual capture, a retried authorisation without its
 * Idempotency-Key holds the shopper's money twice even though only one is ever captured. An
 * entry flagged by both groupings counts once. Refunding an extra charge or cancelling an extra
 * hold later does not undo it (the customer saw it), so it still counts; the detail says so.
 */
export function findDuplicateCharges(evidence: Evidence): CheckResult {
  const extras = new Map<string, { capture: LedgerEntry; first: LedgerEntry; groupedBy: string }>()
  const groupings = [
    { label: 'order', keyOf: (entry: LedgerEntry) => entry.metadata.order_id },
    { label: 'checkout key', keyOf: (entry: LedgerEntry) => entry.metadata.checkout_key },
  ]
  for (const { label, keyOf } of groupings) {
    for (const [groupKey, captures] of groupBy(evidence.captures, (entry) => keyOf(entry) || undefined)) {
      const [first, ...rest] = captures
      if (first === undefined) continue
      for (const capture of rest) {
        if (!extras.has(capture.id))
          extras.set(capture.id, { capture, first, groupedBy: `${label} ${groupKey}` })
      }
    }
  }
  for (const { label, keyOf } of groupings) {
    for (const [groupKey, entries] of groupBy(evidence.ledger, (entry) => keyOf(entry) || undefined)) {
      const holds = entries.filter((entry) => entry.type === 'authorization' || entry.type === 'capture')
      const kept = holds.find((entry) => entry.type === 'capture') ?? holds[0]
      if (kept === undefined) continue
      const captured = new Set(holds.filter((e) => e.type === 'capture').map((e) => e.paymentIntentId))
      for (const hold of holds) {
        if (hold.type !== 'authorization' || hold.paymentIntentId === kept.paymentIntentId) continue
        if (captured.has(hold.paymentIntentId) || extras.has(hold.id)) continue
        extras.set(hold.id, { capture: hold, first: kept, groupedBy: `${label} ${groupKey}` })
      }
    }
  }
  const findings = [...extras.values()].map(({ capture, first, groupedBy }): Finding => {
    const orderId = capture.metadata.order_id
    const key = capture.metadata.checkout_key
    const refunded = refundedOn(evidence, capture.paymentIntentId)
    return {
      check: 'duplicateCharges',
      ...(orderId ? { orderId } : {}),
      ...(key ? { idempotencyKey: key } : {}),
      detail:
        capture.type === 'capture'
          ? `capture ${capture.id} of ${capture.paymentIntentId} (${money(capture.amount, capture.currency)}) is an ` +
            `extra charge for ${groupedBy}, after capture ${first.id} of ${first.paymentIntentId}` +
            (refunded > 0 ? `; ${refunded} refunded on ${capture.paymentIntentId} since` : '')
          : `authorization ${capture.id} of ${capture.paymentIntentId} (${money(capture.amount, capture.currency)}) ` +
            `is an extra hold for ${groupedBy}, beside ${first.type} ${first.id} of ${first.paymentIntentId}` +
            (cancelled(evidence, capture.paymentIntentId)
              ? '; cancelled since'
              : '; never captured nor cancelled'),
      timeline: timelineFor(evidence, {
        orderIds: [orderId, first.metadata.order_id],
        keys: [key, first.metadata.checkout_key],
        paymentIntentIds: [capture.paymentIntentId, first.paymentIntentId],
      }),
    }
  })
  return { count: extras.size, findings }
}

function cancelled(evidence: Evidence, paymentIntentId: string): boolean {
  return (evidence.ledgerByPaymentIntent.get(paymentIntentId) ?? []).some((entry) => entry.type === 'cancel')
}
