import type { Queryable } from '../db/db.js'
import type { WhenMoved } from '../orders/order-repo.js'
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
  /**
   * {@link orderCreated} as a write riding in the one statement that creates the order, made only
   * when the order is (`undefined`: nothing to record). A journal without it is recorded in the
   * creating transaction instead.
   */
  orderCreatedWhenMoved?(orderId: string): WhenMoved | undefined
  /** With the write that decides a final outcome (inside its transaction when there is one). */
  finished(q: Queryable, outcome: CheckoutOutcome): Promise<void>
  /**
   * {@link finished} as a write riding in the one statement that decides the outcome, made only
   * when that statement saves the order (`undefined`: nothing to record). A journal without it
   * is recorded in a transaction with the outcome's write instead.
   */
  finishedWhenMoved?(outcome: CheckoutOutcome): WhenMoved | undefined
}

/** Records nothing: a checkout without the idempotency layer. */
export const noJournal: CheckoutJournal = {
  orderCreated: async () => {},
  orderCreatedWhenMoved: () => undefined,
  finished: async () => {},
  finishedWhenMoved: () => undefined,
}
