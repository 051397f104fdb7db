import { playView } from './browse-journeys.js'
import type { Observe, PlayerContext } from './player-context.js'
import { plainOutcome } from './plain-outcome.js'
import { requestRefund } from './refund-request.js'
import type { JourneyRef, JourneyResult } from './target.js'

/** `status`: an order placed earlier in the run; a product page (`view`) until one was. */
export async function playStatus(
  ctx: PlayerContext,
  ref: JourneyRef,
  observe: Observe,
): Promise<JourneyResult> {
  const orderId = ctx.orders.pickPlaced(ref.index)
  if (orderId === undefined) return playView(ctx, ref, observe)
  const answer = await ctx.http.send(
    {
      name: 'status',
      journey: ref.index,
      attempt: 1,
      method: 'GET',
      path: `/v1/orders/${encodeURIComponent(orderId)}`,
    },
    observe,
  )
  return { kind: 'status', outcome: plainOutcome(answer) }
}

/**
 * `refund`: the whole of an order paid earlier in the run, each order taken once, under the
 * journey's own key (retried with it while the answer is unknown); a `view` until one was paid.
 */
export async function playRefund(
  ctx: PlayerContext,
  ref: JourneyRef,
  observe: Observe,
): Promise<JourneyResult> {
  const order = ctx.orders.takePaid()
  if (!order) return playView(ctx, ref, observe)
  const answer = await requestRefund(ctx, {
    journey: ref.index,
    orderId: order.id,
    amountMinor: order.amountMinor,
    key: `${ref.idempotencyKey}-refund`,
    observe,
  })
  return { kind: 'refund', outcome: plainOutcome(answer) }
}
