import type { Db } from '../db/db.js'
import { deliverEvent, orderPaidEventId } from './order-events.js'

/**
 * Without the `outbox` safeguard: the naive way — publish after the commit, from memory, on a
 * later tick. A crash between the commit and the publish loses the event for good.
 */
export function publishAfterCommit(db: Db, orderId: string, now: Date): void {
  setImmediate(() => {
    deliverEvent(db, { eventId: orderPaidEventId(orderId), orderId }, now).catch(() => {})
  })
}
