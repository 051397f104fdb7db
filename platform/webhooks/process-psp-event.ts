import { writeBackStock } from '../catalog/stock.js'
import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import { publishAfterCommit } from '../outbox/after-commit-publisher.js'
import { enqueueOrderPaid } from '../outbox/order-events.js'
import type { Db } from '../db/db.js'
import { addPaymentIntent, applyOrderEvent, findOrder } from '../orders/order-repo.js'
import { orderIdOf, type PspEvent } from './psp-event.js'

/** What happened to a delivered event. */
export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored'

/**
 * Applies a verified PSP event in one transaction. Deliveries are at least once: with `dedupe`
 * (the `webhook-dedupe` safeguard) an event id seen before is acknowledged and skipped; without
 * it every delivery is processed and counted. `payment_intent.*` events record their
 * PaymentIntent on the order; `payment_intent.succeeded` pays a `payment_pending` order.
 */
export async function processPspEvent(
  db: Db,
  input: { event: PspEvent; dedupe: boolean; outbox: boolean; now: Date; crashPoints?: CrashPoints },
): Promise<WebhookOutcome> {
  const { event, now } = input
  const orderId = event.type.startsWith('payment_intent.') ? orderIdOf(event) : undefined
  let paidOrder: string | undefined
  const outcome = await db.transaction(async (tx): Promise<WebhookOutcome> => {
    const seen = await tx.query(
      `INSERT INTO webhook_events (id, type, order_id, received_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO ${input.dedupe ? 'NOTHING' : 'UPDATE SET processed_count = webhook_events.processed_count + 1'}`,
      [event.id, event.type, orderId ?? null, now],
    )
    if (seen.rowCount === 0) return 'duplicate'
    const intentId = event.data.object.id
    if (orderId === undefined || typeof intentId !== 'string') return 'ignored'
    const stored = await findOrder(tx, orderId)
    if (!stored) return 'ignored'
    await addPaymentIntent(tx, orderId, intentId, now)
    if (event.type !== 'payment_intent.succeeded') return 'processed'
    // A refusal (already paid, or failed) is fine: the event changes nothing then.
    const paid = await applyOrderEvent(
      tx,
      orderId,
      { type: 'payment_succeeded', paymentIntentId: intentId },
      now,
    )
    if (paid.ok) {
      paidOrder = orderId
      await writeBackStock(tx, stored.lines)
      if (input.outbox) await enqueueOrderPaid(tx, orderId, now)
    }
    return 'processed'
  })
  // The same gap as the checkout's: a webhook that pays the order first must be crashable there too.
  if (paidOrder) input.crashPoints?.reach('after-commit-before-publish')
  if (paidOrder && !input.outbox) publishAfterCommit(db, paidOrder, now)
  return outcome
}
