import type { Queryable } from '../db/db.js'
import type { AdminPublishedEvent } from './admin-schemas.js'

export type { AdminPublishedEvent }

/** Every published event, oldest first: a paid order without its `OrderPaid` here is a lost event. */
export async function listAdminEvents(q: Queryable): Promise<AdminPublishedEvent[]> {
  const res = await q.query<{ event_id: string; type: string; order_id: string; published_at: Date }>(
    'SELECT event_id, type, order_id, published_at FROM published_events ORDER BY published_at, event_id',
  )
  return res.rows.map((r) => ({
    eventId: r.event_id,
    type: r.type,
    orderId: r.order_id,
    publishedAt: r.published_at.toISOString(),
  }))
}
