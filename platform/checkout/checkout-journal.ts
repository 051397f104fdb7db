import type { Queryable } from '../db/db.js'
import type { CheckoutOutcome } from './checkout-outcome.js'

/**
 * Where a checkout's progress is recorded atomically with the core's own writes: the idempotency
 * layer's recovery points (Brandur Leach's). The core calls it inside its transactions, so a
 * crash never leaves an order without its key's recovery point, or a settled order without its
 * saved answer. The core knows nothing of keys or responses.
 */
export interface CheckoutJournal {
  /** Inside the transaction that creates the order. */
  orderCreated(tx: Queryable, orderId: string): Promise<void>
  /** With the write that decides a final outcome (inside its transaction when there is one). */
  finished(q: Queryable, outcome: CheckoutOutcome): Promise<void>
}

/** Records nothing: a checkout without the idempotency layer. */
export const noJournal: CheckoutJournal = {
  orderCreated: async () => {},
  finished: async () => {},
}
