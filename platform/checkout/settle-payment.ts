import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import type { Db } from '../db/db.js'
import {
  addPaymentIntent,
  applyOrderEvent,
  applyOrderEventIfUnchanged,
  findOrder,
  type StoredOrder,
} from '../orders/order-repo.js'
import type { OrderEvent } from '../orders/order-state.js'
import type { PaymentOutcome } from '../payments/psp-client.js'
import { releaseStock, writeBackStock } from '../catalog/stock.js'
import { publishAfterCommit } from '../outbox/after-commit-publisher.js'
import { enqueueOrderPaid } from '../outbox/order-events.js'
import { outcomeForOrder, type CheckoutOutcome } from './checkout-outcome.js'
import type { CheckoutJournal } from './checkout-journal.js'

/**
 * Phase 3, one transaction: records what the PSP said on the order (its PaymentIntent id, its
 * new state, the transition), gives back stock on failure, and journals the outcome. An
 * indeterminate outcome changes no order and journals nothing: a retry resumes at
 * `order_created` and asks the PSP again with the same PSP key.
 */
export async function settlePayment(
  db: Db,
  input: {
    stored: StoredOrder
    outcome: PaymentOutcome
    journal: CheckoutJournal
    now: Date
    /** The `outbox` safeguard: OrderPaid written in the paying transaction, or published after it. */
    outbox: boolean
    crashPoints?: CrashPoints
  },
): Promise<CheckoutOutcome> {
  const { stored, outcome, now } = input
  const orderId = stored.order.id
  if (outcome.kind === 'indeterminate') {
    return { kind: 'payment_indeterminate', orderId, reason: outcome.reason }
  }
  let paid = false
  const settled = await db.transaction(async (tx) => {
    const intentId = 'paymentIntentId' in outcome ? outcome.paymentIntentId : undefined
    const event = eventFor(outcome)
    // The order as created (or resumed) in this checkout: one statement records the intent, the
    // state and the transition, unless something moved the order meanwhile (then lock and read).
    const carried = await applyOrderEventIfUnchanged(tx, stored, event, now, undefined, intentId)
    if (!carried && intentId) await addPaymentIntent(tx, orderId, intentId, now)
    const result = carried?.result ?? (await applyOrderEvent(tx, orderId, event, now))
    if (result.ok && result.order.status === 'failed') await releaseStock(tx, stored.lines)
    if (result.ok && result.order.status === 'paid') {
      paid = true
      await writeBackStock(tx, stored.lines)
      if (input.outbox) await enqueueOrderPaid(tx, orderId, now)
    }
    // A refusal means something else (a webhook) decided the order first: answer from its state.
    const order = result.ok ? result.order : (await findOrder(tx, orderId))?.order
    if (!order) throw new Error(`Failed to settle order (${orderId}): not found`)
    const settled: CheckoutOutcome =
      outcome.kind === 'rejected' && order.status === 'failed'
        ? { kind: 'psp_rejected', orderId, pspCode: outcome.pspCode }
        : outcomeForOrder(order, outcome.kind === 'declined' ? outcome.declineCode : undefined)
    await input.journal.finished(tx, settled)
    return settled
  })
  if (paid) input.crashPoints?.reach('after-commit-before-publish')
  if (paid && !input.outbox) publishAfterCommit(db, orderId, now)
  return settled
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
