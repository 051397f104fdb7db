import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import type { Clock } from '../clock.js'
import type { Db } from '../db/db.js'
import { finishIdempotencyKey } from '../idempotency/idempotency-keys.js'
import type { StoredOrder } from '../orders/order-repo.js'
import { pspPaymentKey, type PspClient } from '../payments/psp-client.js'
import { responseForOrder, type CheckoutResponse } from './checkout-response.js'
import { settlePayment } from './settle-payment.js'

/**
 * Phases 2 and 3 of a checkout, from the `order_created` recovery point: charge at the PSP with
 * the order's derived PSP key (the same on every resume, so a resume learns a lost outcome
 * instead of charging again) and settle. An order decided elsewhere meanwhile (a webhook) is
 * answered from its state. Used by the checkout and by the completer of stalled checkouts.
 */
export async function payOrder(
  deps: {
    db: Db
    psp: PspClient
    clock: Clock
    pspIdempotency: boolean
    outbox: boolean
    crashPoints?: CrashPoints
  },
  input: { stored: StoredOrder; idempotencyKey: string | undefined },
): Promise<CheckoutResponse> {
  const { db, clock } = deps
  const { stored, idempotencyKey } = input
  const order = stored.order
  if (order.status !== 'payment_pending') {
    const response = responseForOrder(order)
    if (idempotencyKey) await finishIdempotencyKey(db, idempotencyKey, response, clock.now())
    return response
  }
  const outcome = await deps.psp.pay({
    orderId: order.id,
    amount: order.total,
    paymentMethod: stored.paymentMethod,
    checkoutKey: order.checkoutKey,
    idempotencyKey: deps.pspIdempotency ? pspPaymentKey(order.id) : undefined,
  })
  deps.crashPoints?.reach('after-psp-charge')
  return settlePayment(db, {
    stored,
    outcome,
    idempotencyKey,
    now: clock.now(),
    outbox: deps.outbox,
    ...(deps.crashPoints ? { crashPoints: deps.crashPoints } : {}),
  })
}
