import type { Db } from '../db/db.js'
import { deliverEvent } from './order-events.js'

/**
 * One pass of the outbox relay: delivers up to `limit` unpublished events, oldest first, and
 * marks them published in the same transaction. At least once: the subscriber dedupes on the
 * event id, so a pass cut short by a crash is simply repeated.
 *
 * @returns how many it published.
 */
export async function relayOutbox(db: Db, now: Date, limit = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: number; event_id: string; order_id: string }>(
      `SELECT id, event_id, order_id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1
       FOR UPDATE SKIP LOCKED`,
      [limit],
    )
    for (const row of due.rows) {
      await deliverEvent(tx, { eventId: row.event_id, orderId: row.order_id }, now)
      await tx.query('UPDATE outbox SET published_at = $2 WHERE id = $1', [row.id, now])
    }
    return due.rows.length
  })
}
