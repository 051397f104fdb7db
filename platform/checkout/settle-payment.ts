import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import type { Db } from '../db/db.js'
import { finishIdempotencyKey, releaseIdempotencyKey } from '../idempotency/idempotency-keys.js'
import { addPaymentIntent, applyOrderEvent, findOrder, type StoredOrder } from '../orders/order-repo.js'
import type { OrderEvent } from '../orders/order-state.js'
import type { PaymentOutcome } from '../payments/psp-client.js'
import { problem, responseForOrder, unavailableResponse, type CheckoutResponse } from './checkout-response.js'
import { releaseStock, writeBackStock } from '../catalog/stock.js'
import { publishAfterCommit } from '../outbox/after-commit-publisher.js'
import { enqueueOrderPaid } from '../outbox/order-events.js'

/**
 * Phase 3, one transaction: records what the PSP said on the order (its PaymentIntent id, its
 * new state, the transition), gives back stock on failure, and saves the response under the
 * idempotency key. An indeterminate outcome changes no order: the key is unlocked unsaved, so a
 * retry resumes at `order_created` and asks the PSP again with the same PSP key.
 */
export async function settlePayment(
  db: Db,
  input: {
    stored: StoredOrder
    outcome: PaymentOutcome
    idempotencyKey: string | undefined
    now: Date
    /** The `outbox` safeguard: OrderPaid written in the paying transaction, or published after it. */
    outbox: boolean
    crashPoints?: CrashPoints
  },
): Promise<CheckoutResponse> {
  const { stored, outcome, idempotencyKey, now } = input
  const orderId = stored.order.id
  if (outcome.kind === 'indeterminate') {
    if (idempotencyKey) await releaseIdempotencyKey(db, idempotencyKey, now)
    return unavailableResponse(orderId, outcome.reason)
  }
  let paid = false
  const response = await db.transaction(async (tx) => {
    const intentId = 'paymentIntentId' in outcome ? outcome.paymentIntentId : undefined
    if (intentId) await addPaymentIntent(tx, orderId, intentId, now)
    const result = await applyOrderEvent(tx, orderId, eventFor(outcome), now)
    if (result.ok && result.order.status === 'failed') await releaseStock(tx, stored.lines)
    if (result.ok && result.order.status === 'paid') {
      paid = true
      await writeBackStock(tx, stored.lines)
      if (input.outbox) await enqueueOrderPaid(tx, orderId, now)
    }
    // A refusal means something else (a webhook) decided the order first: answer from its state.
    const order = result.ok ? result.order : (await findOrder(tx, orderId))?.order
    if (!order) throw new Error(`Failed to settle order (${orderId}): not found`)
    const response =
      outcome.kind === 'rejected' && order.status === 'failed'
        ? problem('PSP_REJECTED', `The payment provider refused the request (${outcome.pspCode})`, {
            orderId,
          })
        : responseForOrder(order, outcome.kind === 'declined' ? outcome.declineCode : undefined)
    if (idempotencyKey) await finishIdempotencyKey(tx, idempotencyKey, response, now)
    return response
  })
  if (paid) input.crashPoints?.reach('after-commit-before-publish')
  if (paid && !input.outbox) publishAfterCommit(db, orderId, now)
  return response
}

function eventFor(outcome: Exclude<PaymentOutcome, { kind: 'indeterminate' }>): OrderEvent {
  switch (outcome.kind) {
    case 'succeeded':
      return { type: 'payment_succeeded', paymentIntentId: outcome.paymentIntentId }
    case 'declined':
      return { type: 'payment_failed', reason: 'CARD_DECLINED' }
    case 'requires_action':
      return { type: 'payment_failed', reason: 'PAYMENT_ACTION_REQUIRED' }
    case 'rejected':
      return { type: 'payment_failed', reason: 'PSP_REJECTED' }
    default: {
      const never: never = outcome
      return never
    }
  }
}
