import type { Finding } from '../report.js'
import { money, type CheckResult } from './check-result.js'
import type { Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/**
 * Money kept for no paid order: per PaymentIntent, captured minus refunded is above 0 and its
 * `metadata.order_id` names no order of the platform, or an order that is not `paid`.
 * Counts PaymentIntents.
 */
export function findChargesWithoutOrder(evidence: Evidence): CheckResult {
  const findings: Finding[] = []
  for (const [paymentIntentId, entries] of evidence.ledgerByPaymentIntent) {
    const captures = entries.filter((entry) => entry.type === 'capture')
    const first = captures[0]
    if (first === undefined) continue
    const captured = captures.reduce((sum, entry) => sum + entry.amount, 0)
    const refunded = entries
      .filter((entry) => entry.type === 'refund')
      .reduce((sum, entry) => sum + entry.amount, 0)
    const net = captured - refunded
    if (net <= 0) continue
    const orderId = first.metadata.order_id
    const order = orderId ? evidence.ordersById.get(orderId) : undefined
    if (order?.status === 'paid') continue
    const kept = `${money(net, first.currency)} kept on ${paymentIntentId}`
    const key = first.metadata.checkout_key
    findings.push({
      check: 'chargesWithoutOrder',
      ...(orderId ? { orderId } : {}),
      ...(key ? { idempotencyKey: key } : {}),
      detail: !orderId
        ? `${kept}, which names no order`
        : order === undefined
          ? `${kept} for order ${orderId}, which the platform does not have`
          : `${kept} for order ${orderId}, which is ${order.status}`,
      timeline: timelineFor(evidence, {
        orderIds: [orderId],
        keys: [key],
        paymentIntentIds: [paymentIntentId],
      }),
    })
  }
  return { count: findings.length, findings }
}
