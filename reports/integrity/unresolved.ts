import type { Finding } from '../report.js'
import { TERMINAL_STATUSES, type CheckResult } from './check-result.js'
import type { Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/** Orders still in a non-terminal status (not paid, failed, refunded or canceled) when the run ended. */
export function findUnresolved(evidence: Evidence): CheckResult {
  const findings: Finding[] = evidence.orders
    .filter((order) => !TERMINAL_STATUSES.has(order.status))
    .map((order) => ({
      check: 'unresolved',
      orderId: order.id,
      idempotencyKey: order.idempotencyKey,
      detail: `order ${order.id} was still ${order.status} at the end of the run`,
      timeline: timelineFor(evidence, { orderIds: [order.id] }),
    }))
  return { count: findings.length, findings }
}
