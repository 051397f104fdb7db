import type { Queryable } from '../db/db.js'
import { listTransitions, type StoredOrder } from '../orders/order-repo.js'
import type { OrderView } from './decide-repair.js'
import type { IntentView } from './reconciler-psp.js'

/** What the intent and the order said before the repair, and the order's history. */
export async function evidence(
  q: Queryable,
  intent: IntentView | undefined,
  order: OrderView | StoredOrder['order'] | undefined,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const history = order ? await listTransitions(q, order.id) : []
  return {
    ...(intent
      ? {
          paymentIntentId: intent.id,
          intentStatus: intent.status,
          amountMinor: intent.amount,
          amountReceivedMinor: intent.amountReceived,
          amountRefundedMinor: intent.amountRefunded,
          currency: intent.currency,
        }
      : {}),
    ...(order
      ? {
          orderStatus: order.status,
          orderTotalMinor: 'totalMinor' in order ? order.totalMinor : order.total.amount,
          orderHistory: history.slice(-20).map((t) => `${t.from ?? '∅'} → ${t.to}: ${t.reason}`),
        }
      : { orderStatus: 'missing' }),
    ...extra,
  }
}
