import type { JourneyContext } from '../../lib/journey-context.js'
import { releaseStock } from '../catalog/stock.js'
import { applyToCarried } from '../orders/apply-carried.js'
import type { StoredOrder } from '../orders/order-repo.js'
import type { OrderFailureCode } from '../orders/order-state.js'
import { sagaPspKeys } from '../payments/psp-manual-capture.js'
import { outcomeForOrder, type CheckoutOutcome } from './checkout-outcome.js'
import type { CheckoutJournal } from './checkout-journal.js'
import type { SagaDeps } from './run-saga.js'

/**
 * Undoes a saga that failed before capture, in reverse: voids a saved tax document if there is
 * one, cancels the PaymentIntent's authorisation if there is one, gives the stock back, and fails
 * the order with `reason` — recording what each undo came to as the failure's cause. Returns
 * `outcome` when this call failed the order, else the outcome of whatever decided it first.
 *
 * @note Before capture the tax vendor holds no document in practice: the quote is a SalesOrder,
 * which AvaTax never saves. The void is there for an order whose commit was attempted.
 */
export async function compensate(
  deps: SagaDeps,
  input: {
    stored: StoredOrder
    reason: OrderFailureCode
    cause: string
    outcome: CheckoutOutcome
    journal: CheckoutJournal
    journey?: JourneyContext | undefined
  },
): Promise<CheckoutOutcome> {
  const { db, vendors } = deps
  const { order } = input.stored
  const { journey } = input
  const undone: string[] = []
  const taxDocument = order.saga?.taxDocument ?? 'none'
  if (taxDocument === 'commit_pending' || taxDocument === 'committed') {
    try {
      undone.push(`tax document ${await vendors.tax.void(order.id, journey)}`)
    } catch (err) {
      undone.push(`tax document not voided (${err instanceof Error ? err.message : String(err)})`)
    }
  }
  if (order.status === 'authorized' || order.status === 'held_for_review') {
    const canceled = await vendors.psp.cancel({
      orderId: order.id,
      paymentIntentId: order.paymentIntentId,
      idempotencyKey: deps.safeguards['psp-idempotency'] ? sagaPspKeys.cancel(order.id) : undefined,
      ...(journey ? { journey } : {}),
    })
    // An authorisation that could not be canceled lapses at the PSP on its own; the reconciler
    // can cancel it later. The order fails either way: nothing was captured.
    undone.push(
      canceled.kind === 'done'
        ? `intent ${order.paymentIntentId} canceled`
        : `intent ${order.paymentIntentId} not canceled (${canceled.kind === 'failed' ? canceled.pspCode : canceled.reason})`,
    )
  }
  undone.push('stock released')
  let outcome = input.outcome
  await applyToCarried(
    db,
    input.stored,
    { type: 'payment_failed', reason: input.reason },
    new Date(deps.clock.now()),
    `${input.cause}; compensated: ${undone.join(', ')}`,
    async (tx, { result, stored }) => {
      if (result.ok) await releaseStock(tx, input.stored.lines)
      // Something else decided the order first (a webhook): answer from its state.
      else outcome = outcomeForOrder(stored.order)
      await input.journal.finished(tx, outcome)
    },
  )
  return outcome
}
