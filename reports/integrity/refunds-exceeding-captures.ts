import type { Finding } from '../report.js'
import { money, type CheckResult } from './check-result.js'
import type { Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/** PaymentIntents on which the PSP refunded more than it captured. Counts PaymentIntents. */
export function findRefundsExceedingCaptures(evidence: Evidence): CheckResult {
  const findings: Finding[] = []
  for (const [paymentIntentId, entries] of evidence.ledgerByPaymentIntent) {
    const sum = (type: string): number =>
      entries.filter((entry) => entry.type === type).reduce((total, entry) => total + entry.amount, 0)
    const captured = sum('capture')
    const refunded = sum('refund')
    if (refunded <= captured) continue
    const first = entries[0]
    const currency = first?.currency ?? ''
    const orderId = first?.metadata.order_id
    findings.push({
      check: 'refundsExceedingCaptures',
      ...(orderId ? { orderId } : {}),
      detail: `${paymentIntentId} refunded ${money(refunded, currency)} but captured ${money(captured, currency)}`,
      timeline: timelineFor(evidence, { orderIds: [orderId], paymentIntentIds: [paymentIntentId] }),
    })
  }
  return { count: findings.length, findings }
}
