import type { Finding } from '../report.js'
import type { PublishedEvent } from '../types.js'
import type { CheckResult } from './check-result.js'
import type { Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/** Statuses an order reaches only after it was paid, so an `OrderPaid` must have been published. */
const PAID: ReadonlySet<string> = new Set(['paid', 'refunded'])

/** Paid orders with no `OrderPaid` among the events the platform published: a crash between commit and publish. */
export function findLostEvents(evidence: Evidence, events: readonly PublishedEvent[]): CheckResult {
  const published = new Set(events.filter((e) => e.type === 'OrderPaid').map((e) => e.orderId))
  const findings: Finding[] = evidence.orders
    .filter((order) => PAID.has(order.status) && !published.has(order.id))
    .map((order) => ({
      check: 'lostEvents',
      orderId: order.id,
      idempotencyKey: order.idempotencyKey,
      detail: `order ${order.id} is ${order.status} but no OrderPaid was published for it`,
      timeline: timelineFor(evidence, { orderIds: [order.id] }),
    }))
  return { count: findings.length, findings }
}
