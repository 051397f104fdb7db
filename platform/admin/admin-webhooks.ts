import type { Queryable } from '../db/db.js'
import type { AdminWebhookEvent } from './admin-schemas.js'

export type { AdminWebhookEvent }

/** Every PSP event received, oldest first. */
export async function listAdminWebhookEvents(q: Queryable): Promise<AdminWebhookEvent[]> {
  const res = await q.query<{
    id: string
    type: string
    order_id: string | null
    processed_count: number
    received_at: Date
  }>('SELECT id, type, order_id, processed_count, received_at FROM webhook_events ORDER BY received_at, id')
  return res.rows.map((r) => ({
    id: r.id,
    type: r.type,
    orderId: r.order_id,
    processedCount: r.processed_count,
    receivedAt: r.received_at.toISOString(),
  }))
}
