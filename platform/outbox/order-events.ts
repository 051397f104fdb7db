import { noteOutboxWrite } from './relay-gate.js'
import type { Queryable } from '../db/db.js'
import type { WhenMoved } from '../orders/order-repo.js'

/**
 * The event every paid order must publish. Its id derives from the order, so the subscriber
 * dedupes a relay's redelivery.
 */
export function orderPaidEventId(orderId: string): string {
  return `evt_order_paid_${orderId}`
}

/** With the `outbox` safeguard: the event is written in the transaction that pays the order. */
export async function enqueueOrderPaid(q: Queryable, orderId: string, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO outbox (event_id, type, order_id, created_at) VALUES ($1, 'OrderPaid', $2, $3)
     ON CONFLICT (event_id) DO NOTHING`,
    [orderPaidEventId(orderId), orderId, now],
  )
  noteOutboxWrite()
}

/**
 * {@link enqueueOrderPaid} as a write riding in the statement that pays the order (`moved`, see
 * `applyOrderEventIfUnchanged`): the event is written only when the order was saved paid. The
 * caller notes the write (`noteOutboxWrite`) once the statement succeeded.
 */
export function orderPaidWhenMoved(orderId: string, now: Date): WhenMoved {
  return (p) => `INSERT INTO outbox (event_id, type, order_id, created_at)
    SELECT ${p(orderPaidEventId(orderId))}::text, 'OrderPaid', ${p(orderId)}::text, ${p(now)}::timestamptz FROM moved
    ON CONFLICT (event_id) DO NOTHING`
}

/**
 * Delivers an event to the in-process subscriber, which records it (idempotently) in
 * `published_events`: what a lost-events check reads.
 */
export async function deliverEvent(
  q: Queryable,
  event: { eventId: string; orderId: string },
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO published_events (event_id, type, order_id, published_at) VALUES ($1, 'OrderPaid', $2, $3)
     ON CONFLICT (event_id) DO NOTHING`,
    [event.eventId, event.orderId, now],
  )
}
