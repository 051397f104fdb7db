import type { Broker } from '../broker/broker.js'
import { publishInOrder } from '../broker/publish-in-order.js'
import type { Db } from '../db/db.js'

/** What one relay pass to the broker did. */
export interface BrokerRelayPass {
  published: number
  /** Why it stopped early (the broker link down, say): the rest wait for the next pass. */
  error?: { code: string; message: string }
}

/**
 * One pass of the outbox relay when the platform has a broker: publishes up to `limit`
 * unpublished events, oldest first, to `subject` (the event id is the message id, which the broker
 * dedupes on), then marks exactly the published ones. Not inside a transaction: a connection must
 * not wait on the network, and PGlite has one. At least once: an event published whose mark was
 * lost is published again next pass and dropped by the broker (and by the consumer) as a duplicate.
 *
 * @example const { published, error } = await relayOutboxToBroker(db, broker, 'orders.paid', new Date(clock.now()))
 */
export async function relayOutboxToBroker(
  db: Db,
  broker: Broker,
  subject: string,
  now: Date,
  limit = 100,
): Promise<BrokerRelayPass> {
  const due = await db.query<{ event_id: string; order_id: string }>(
    'SELECT event_id, order_id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1',
    [limit],
  )
  if (due.rows.length === 0) return { published: 0 }
  const { published, error } = await publishInOrder(
    broker,
    due.rows.map((row) => ({
      id: row.event_id,
      subject,
      data: JSON.stringify({ eventId: row.event_id, orderId: row.order_id }),
    })),
  )
  if (published.length > 0) {
    await db.query('UPDATE outbox SET published_at = $2 WHERE event_id = ANY($1::text[])', [published, now])
  }
  return {
    published: published.length,
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  }
}

/** How many events wait in the outbox for the relay. */
export async function outboxPending(db: Db): Promise<number> {
  const res = await db.query<{ n: number }>(
    'SELECT count(*)::int8 AS n FROM outbox WHERE published_at IS NULL',
  )
  return res.rows[0]?.n ?? 0
}
