import type { Clock } from '../../lib/clock.js'
import type { JourneyContext } from '../../lib/journey-context.js'
import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import type { Db } from '../db/db.js'
import type { StoredOrder } from '../orders/order-repo.js'
import { pspPaymentKey, type PspClient } from '../payments/psp-client.js'
import { isFinalOutcome, outcomeForOrder, type CheckoutOutcome } from './checkout-outcome.js'
import type { CheckoutJournal } from './checkout-journal.js'
import { settlePayment } from './settle-payment.js'

/** Collaborators of {@link payOrder}. */
export interface PayOrderDeps {
  db: Db
  psp: PspClient
  clock: Clock
  /** The `psp-idempotency` safeguard: send the order's derived PSP key. */
  pspIdempotency: boolean
  /** The `outbox` safeguard. */
  outbox: boolean
  crashPoints?: CrashPoints
}

/**
 * Phases 2 and 3 of a checkout, from the `order_created` recovery point: charge at the PSP with
 * the order's derived PSP key (the same on every resume, so a resume learns a lost outcome
 * instead of charging again) and settle. An order decided elsewhere meanwhile (a webhook) is
 * answered from its state.
 */
export async function payOrder(
  deps: PayOrderDeps,
  input: { stored: StoredOrder; journal: CheckoutJournal; journey?: JourneyContext | undefined },
): Promise<CheckoutOutcome> {
  const { db, clock } = deps
  const { stored, journal } = input
  const order = stored.order
  if (order.status !== 'payment_pending') {
    const outcome = outcomeForOrder(order)
    if (isFinalOutcome(outcome)) await journal.finished(db, outcome)
    return outcome
  }
  const outcome = await deps.psp.pay({
    orderId: order.id,
    amount: order.total,
    paymentMethod: stored.paymentMethod,
    checkoutKey: order.checkoutKey,
    idempotencyKey: deps.pspIdempotency ? pspPaymentKey(order.id) : undefined,
    ...(input.journey ? { journey: input.journey } : {}),
  })
  deps.crashPoints?.reach('after-psp-charge')
  return settlePayment(db, {
    stored,
    outcome,
    journal,
    now: new Date(clock.now()),
    outbox: deps.outbox,
    ...(deps.crashPoints ? { crashPoints: deps.crashPoints } : {}),
  })
}
