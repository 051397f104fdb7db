import type { Finding } from '../report.js'
import { TERMINAL_STATUSES, type CheckResult } from './check-result.js'
import type { Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/** A status that waits for a person, not for the system: counted apart (`heldForReview`). */
export const HELD_FOR_REVIEW = 'held_for_review'

/**
 * Orders still in a non-terminal status (not paid, failed, refunded or canceled) when the run
 * ended. An order held for a fraud review is not one: it waits for an admin by design.
 */
export function findUnresolved(evidence: Evidence): CheckResult {
  const findings: Finding[] = evidence.orders
    .filter((order) => !TERMINAL_STATUSES.has(order.status) && order.status !== HELD_FOR_REVIEW)
    .map((order) => ({
      check: 'unresolved',
      orderId: order.id,
      idempotencyKey: order.idempotencyKey,
      detail: `order ${order.id} was still ${order.status} at the end of the run`,
      timeline: timelineFor(evidence, { orderIds: [order.id] }),
    }))
  return { count: findings.length, findings }
}
