import type { Db, Queryable } from '../db/db.js'
import type { WhenMoved } from '../orders/order-repo.js'

/**
 * Where a checkout got to (Brandur Leach's recovery points): a retry under the same key resumes
 * from here instead of starting again.
 * - `started`: nothing durable happened yet;
 * - `order_created`: the order exists (`orderId`); the PSP must be called (again, with the same
 *   PSP key) to learn whether it charged;
 * - `finished`: the response is saved and is replayed.
 */
export type RecoveryPoint = 'started' | 'order_created' | 'finished'

/** A response saved for replay. */
export interface SavedResponse {
  status: number
  body: unknown
}

/** The outcome of {@link claimIdempotencyKey}. */
export type KeyClaim =
  | { kind: 'claimed'; recoveryPoint: Exclude<RecoveryPoint, 'finished'>; orderId: string | undefined }
  | { kind: 'replay'; response: SavedResponse }
  | { kind: 'reused' }
  | { kind: 'in_use' }

interface KeyRow {
  fingerprint: string
  locked_at: Date | null
  locked_by: number | null
  recovery_point: RecoveryPoint
  order_id: string | null
  response_status: number | null
  response_body: unknown
}

const INSERT_KEY = `INSERT INTO idempotency_keys (key, fingerprint, locked_at, locked_by, recovery_point, created_at, updated_at)
  VALUES ($1, $2, $3, $4, 'started', $3, $3) ON CONFLICT (key) DO NOTHING RETURNING key`

/**
 * Takes the lock on an idempotency key: inserts it if new (one statement); otherwise, in one
 * transaction, replays a saved response, refuses another request's key (`reused`) or a key in flight (`in_use`), or
 * takes over a stale lock (its holder crashed or hung) and resumes.
 */
export async function claimIdempotencyKey(
  db: Db,
  input: { key: string; fingerprint: string; now: Date; lockTtlMs: number; bootId: number },
): Promise<KeyClaim> {
  // A new key (the usual case) is claimed by this one statement, atomic on its own: no transaction.
  const inserted = await db.query(INSERT_KEY, [input.key, input.fingerprint, input.now, input.bootId])
  if (inserted.rows.length === 1) return { kind: 'claimed', recoveryPoint: 'started', orderId: undefined }
  return db.transaction(async (tx) => {
    const res = await tx.query<KeyRow>(
      `SELECT fingerprint, locked_at, locked_by, recovery_point, order_id, response_status, response_body
       FROM idempotency_keys WHERE key = $1 FOR UPDATE`,
      [input.key],
    )
    const row = res.rows[0]
    if (!row) throw new Error(`Failed to claim idempotency key (${input.key}): row vanished`)
    if (row.fingerprint !== input.fingerprint) return { kind: 'reused' }
    if (row.recovery_point === 'finished' && row.response_status !== null) {
      return { kind: 'replay', response: { status: row.response_status, body: row.response_body } }
    }
    if (row.locked_at && !isStale(row.locked_at, row.locked_by, input)) return { kind: 'in_use' }
    await tx.query(
      'UPDATE idempotency_keys SET locked_at = $2, locked_by = $3, updated_at = $2 WHERE key = $1',
      [input.key, input.now, input.bootId],
    )
    return {
      kind: 'claimed',
      recoveryPoint: row.recovery_point === 'finished' ? 'started' : row.recovery_point,
      orderId: row.order_id ?? undefined,
    }
  })
}

/**
 * A lock is stale when it is older than the TTL, or was taken by an earlier boot of the platform
 * (which crashed holding it). @note This assumes one platform process per database.
 */
function isStale(
  lockedAt: Date,
  lockedBy: number | null,
  now: { now: Date; lockTtlMs: number; bootId: number },
): boolean {
  return lockedBy !== now.bootId || now.now.getTime() - lockedAt.getTime() >= now.lockTtlMs
}

/** Moves the key to `order_created` with its order, inside the transaction that created the order. */
export async function markOrderCreated(q: Queryable, key: string, orderId: string, now: Date): Promise<void> {
  await q.query(
    `UPDATE idempotency_keys SET recovery_point = 'order_created', order_id = $2, updated_at = $3 WHERE key = $1`,
    [key, orderId, now],
  )
}

/**
 * {@link markOrderCreated} as a write riding in the statement that creates the order (`moved`, see
 * `insertOrderTakingStock`): the recovery point moves only when the order was inserted.
 */
export function orderCreatedWhenMoved(key: string, orderId: string, now: Date): WhenMoved {
  return (p) => `UPDATE idempotency_keys SET recovery_point = 'order_created', order_id = ${p(orderId)}::text,
      updated_at = ${p(now)}::timestamptz
    WHERE key = ${p(key)}::text AND EXISTS (SELECT 1 FROM moved)`
}

/** Saves the final response and unlocks: every later request with this key replays it. */
export async function finishIdempotencyKey(
  q: Queryable,
  key: string,
  response: SavedResponse,
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE idempotency_keys SET recovery_point = 'finished', response_status = $2, response_body = $3::jsonb,
       locked_at = NULL, updated_at = $4 WHERE key = $1`,
    [key, response.status, JSON.stringify(response.body), now],
  )
}

/**
 * {@link finishIdempotencyKey} as a write riding in the statement that decides the outcome
 * (`moved`, see `applyOrderEventIfUnchanged`): the answer is saved only when that order was saved.
 */
export function finishKeyWhenMoved(key: string, response: SavedResponse, now: Date): WhenMoved {
  return (
    p,
  ) => `UPDATE idempotency_keys SET recovery_point = 'finished', response_status = ${p(response.status)}::int,
      response_body = ${p(JSON.stringify(response.body))}::jsonb, locked_at = NULL, updated_at = ${p(now)}::timestamptz
    WHERE key = ${p(key)}::text AND EXISTS (SELECT 1 FROM moved)`
}

/** Unlocks without a response (an indeterminate or internal failure): a retry resumes. */
export async function releaseIdempotencyKey(q: Queryable, key: string, now: Date): Promise<void> {
  await q.query('UPDATE idempotency_keys SET locked_at = NULL, updated_at = $2 WHERE key = $1', [key, now])
}
