import type { Db, Queryable } from '../db/db.js'
import { applyOrderEvent, applyOrderEventIfUnchanged, findOrder, type StoredOrder } from './order-repo.js'
import type { OrderEvent, TransitionResult } from './order-state.js'

/** What applying an event came to, and the order as it now stands. */
export interface CarriedStep {
  result: TransitionResult
  stored: StoredOrder
}

/**
 * Applies `event` to an order its caller carries (read or written by it just before): one guarded
 * statement that saves the state and records the transition, with no read — committed on its own
 * when nothing else must share its transaction. When the row moved meanwhile (a webhook, an admin,
 * a resumed run) or the carried state refuses the event, it falls back to the locking read-apply in
 * a transaction, whose answer is authoritative. `within` runs in the same transaction as the event
 * (the journal, stock, outbox writes that must commit with it).
 *
 * @example const { stored } = await applyToCarried(db, stored, { type: 'tax_committed' }, now)
 */
export async function applyToCarried(
  db: Db,
  stored: StoredOrder,
  event: OrderEvent,
  at: Date,
  cause?: string,
  within?: (tx: Queryable, step: CarriedStep) => Promise<void>,
): Promise<CarriedStep> {
  if (!within) {
    const moved = await applyOrderEventIfUnchanged(db, stored, event, at, cause)
    if (moved) return moved
    return db.transaction((tx) => applyLocked(tx, stored, event, at, cause))
  }
  return db.transaction(async (tx) => {
    const step =
      (await applyOrderEventIfUnchanged(tx, stored, event, at, cause)) ??
      (await applyLocked(tx, stored, event, at, cause))
    await within(tx, step)
    return step
  })
}

/** The slow road: lock the row, run the state machine on it, save; or answer the stored order. */
async function applyLocked(
  tx: Queryable,
  stored: StoredOrder,
  event: OrderEvent,
  at: Date,
  cause: string | undefined,
): Promise<CarriedStep> {
  const id = stored.order.id
  const result = await applyOrderEvent(tx, id, event, at, cause)
  if (result.ok) return { result, stored: { ...stored, order: result.order } }
  const current = await findOrder(tx, id)
  if (!current) throw new Error(`Failed to apply ${event.type} to order (${id}): not found`)
  return { result, stored: current }
}
