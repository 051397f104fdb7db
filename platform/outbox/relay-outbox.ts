import type { Db } from '../db/db.js'
import { createRelayGate, type RelayGate } from './relay-gate.js'

const gates = new WeakMap<Db, RelayGate>()

/**
 * One pass of the outbox relay: delivers up to `limit` unpublished events, oldest first, to the
 * in-process subscriber (into `published_events`, as `deliverEvent` does) and marks them
 * published, in one statement. At least once: the subscriber dedupes on the event id, so a pass
 * cut short by a crash is simply repeated. An idle pass skips the query (`relay-gate.ts`).
 *
 * @returns how many it published.
 */
export async function relayOutbox(db: Db, now: Date, limit = 100): Promise<number> {
  let gate = gates.get(db)
  if (!gate) gates.set(db, (gate = createRelayGate()))
  return gate.run(
    now.getTime(),
    async () => {
      const res = await db.query<{ id: number }>(
        `WITH due AS (
           SELECT id, event_id, order_id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1
           FOR UPDATE SKIP LOCKED
         ), delivered AS (
           INSERT INTO published_events (event_id, type, order_id, published_at)
           SELECT event_id, 'OrderPaid', order_id, $2 FROM due ORDER BY id
           ON CONFLICT (event_id) DO NOTHING
         )
         UPDATE outbox SET published_at = $2 FROM due WHERE outbox.id = due.id RETURNING outbox.id`,
        [limit, now],
      )
      return { result: res.rows.length, drained: res.rows.length < limit }
    },
    0,
  )
}
