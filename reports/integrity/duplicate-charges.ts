import type { Finding } from '../report.js'
import type { LedgerEntry } from '../types.js'
import { money, type CheckResult } from './check-result.js'
import { groupBy, type Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/**
 * Extra captured charges, from the PSP ledger: captures are grouped by `metadata.order_id` and
 * by `metadata.checkout_key`; in each group every capture after the first is extra. A capture
 * flagged by both groupings counts once. Refunding an extra charge later does not undo it (the
 * customer saw it), so it still counts; the detail says how much was refunded.
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
  const findings = [...extras.values()].map(({ capture, first, groupedBy }): Finding => {
    const orderId = capture.metadata.order_id
    const key = capture.metadata.checkout_key
    const refunded = refundedOn(evidence, capture.paymentIntentId)
    return {
      check: 'duplicateCharges',
      ...(orderId ? { orderId } : {}),
      ...(key ? { idempotencyKey: key } : {}),
      detail:
        `capture ${capture.id} of ${capture.paymentIntentId} (${money(capture.amount, capture.currency)}) is an ` +
        `extra charge for ${groupedBy}, after capture ${first.id} of ${first.paymentIntentId}` +
        (refunded > 0 ? `; ${refunded} refunded on ${capture.paymentIntentId} since` : ''),
      timeline: timelineFor(evidence, {
        orderIds: [orderId, first.metadata.order_id],
        keys: [key, first.metadata.checkout_key],
        paymentIntentIds: [capture.paymentIntentId, first.paymentIntentId],
      }),
    }
  })
  return { count: extras.size, findings }
}

function refundedOn(evidence: Evidence, paymentIntentId: string): number {
  return (evidence.ledgerByPaymentIntent.get(paymentIntentId) ?? [])
    .filter((entry) => entry.type === 'refund')
    .reduce((sum, entry) => sum + entry.amount, 0)
}
