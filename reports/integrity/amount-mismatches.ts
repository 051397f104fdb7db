import type { Finding } from '../report.js'
import { money, type CheckResult } from './check-result.js'
import type { Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/**
 * Captures whose amount or currency differs from their order's total. The order is the one
 * `metadata.order_id` names, else the one that lists the PaymentIntent. Counts captures.
 */
export function findAmountMismatches(evidence: Evidence): CheckResult {
  const findings: Finding[] = []
  for (const capture of evidence.captures) {
    const orderId = capture.metadata.order_id
    const order =
      (orderId ? evidence.ordersById.get(orderId) : undefined) ??
      evidence.ordersByPaymentIntent.get(capture.paymentIntentId)
    if (order === undefined) continue
    const sameAmount = capture.amount === order.amountMinor
    const sameCurrency = capture.currency.toLowerCase() === order.currency.toLowerCase()
    if (sameAmount && sameCurrency) continue
    findings.push({
      check: 'amountMismatches',
      orderId: order.id,
      idempotencyKey: order.idempotencyKey,
      detail:
        `capture ${capture.id} of ${capture.paymentIntentId} took ${money(capture.amount, capture.currency)} ` +
        `for order ${order.id}, whose total is ${money(order.amountMinor, order.currency)}`,
      timeline: timelineFor(evidence, { orderIds: [order.id], paymentIntentIds: [capture.paymentIntentId] }),
    })
  }
  return { count: findings.length, findings }
}
