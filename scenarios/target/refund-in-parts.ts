import type { Observe, PlayerContext } from './player-context.js'
import { requestRefund } from './refund-request.js'

export interface RefundInParts {
  journey: number
  orderId: string
  totalMinor: number
  checkoutKey: string
  /** The scenario's `shopper.refund`. */
  refund: { parts: number; percent: number }
  observe: Observe
}

/**
 * A paid checkout's partial refunds, all at once, each retried with its own key while its answer
 * is unknown: what the platform refunds is judged from the PSP's ledger afterwards, not from these
 * answers.
 */
export async function refundInParts(ctx: PlayerContext, plan: RefundInParts): Promise<void> {
  const amountMinor = Math.max(1, Math.floor((plan.totalMinor * plan.refund.percent) / 100))
  await Promise.all(
    Array.from({ length: plan.refund.parts }, (_, part) =>
      requestRefund(ctx, {
        journey: plan.journey,
        orderId: plan.orderId,
        amountMinor,
        key: `${plan.checkoutKey}-refund-${part}`,
        observe: plan.observe,
      }),
    ),
  )
}
