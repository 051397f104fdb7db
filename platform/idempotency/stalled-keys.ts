import type { Queryable } from '../db/db.js'

/**
 * Claims up to `limit` keys stalled at `order_created` (the PSP outcome unknown, no response
 * saved) untouched since `updatedBefore` and not locked by a live request of this boot — the
 * same rule as a client's claim, so a client retry and the completer never both run one.
 *
 * @returns the claimed keys with their orders.
 */
export async function claimStalledKeys(
  q: Queryable,
  input: { now: Date; updatedBefore: Date; lockedBefore: Date; bootId: number; limit: number },
): Promise<{ key: string; orderId: string }[]> {
  const res = await q.query<{ key: string; order_id: string }>(
    `UPDATE idempotency_keys SET locked_at = $1, locked_by = $4, updated_at = $1
     WHERE key IN (
       SELECT key FROM idempotency_keys
       WHERE recovery_point = 'order_created' AND order_id IS NOT NULL AND updated_at < $2
         AND (locked_at IS NULL OR locked_by IS DISTINCT FROM $4 OR locked_at < $3)
       ORDER BY updated_at
       LIMIT $5
       FOR UPDATE SKIP LOCKED
     )
     RETURNING key, order_id`,
    [input.now, input.updatedBefore, input.lockedBefore, input.bootId, input.limit],
  )
  return res.rows.map((r) => ({ key: r.key, orderId: r.order_id }))
}
