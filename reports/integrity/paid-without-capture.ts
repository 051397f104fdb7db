import type { Finding } from '../report.js'
import type { CheckResult } from './check-result.js'
import type { Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/** Orders the platform marked paid with no capture in the PSP ledger, by PaymentIntent or by order_id. */
export function findPaidWithoutCapture(evidence: Evidence): CheckResult {
  const capturedOrders = new Set<string>()
  const capturedIntents = new Set<string>()
  for (const capture of evidence.captures) {
    capturedIntents.add(capture.paymentIntentId)
    if (capture.metadata.order_id) capturedOrders.add(capture.metadata.order_id)
  }
  const findings: Finding[] = []
  for (const order of evidence.orders) {
    if (order.status !== 'paid') continue
    if (capturedOrders.has(order.id) || order.paymentIntentIds.some((id) => capturedIntents.has(id))) continue
    const intents = order.paymentIntentIds.length > 0 ? order.paymentIntentIds.join(', ') : 'none'
    findings.push({
      check: 'paidWithoutCapture',
      orderId: order.id,
      idempotencyKey: order.idempotencyKey,
      detail: `order ${order.id} is paid but the PSP captured nothing for it (payment intents: ${intents})`,
      timeline: timelineFor(evidence, { orderIds: [order.id] }),
    })
  }
  return { count: findings.length, findings }
}
