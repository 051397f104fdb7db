import type { StepAnswer } from './http-step.js'
import type { Observe, PlayerContext } from './player-context.js'
import { isRetryable, retryWhileUnknown } from './retry-policy.js'

export interface RefundRequest {
  journey: number
  orderId: string
  amountMinor: number
  /** Its own Idempotency-Key, kept for every retry of it. */
  key: string
  observe: Observe
}

/**
 * `POST /v1/orders/{id}/refunds`, retried with the same key (up to the shopper's `retries`) while
 * its answer is unknown (none, 409 or 5xx). Returns the last answer.
 */
export function requestRefund(ctx: PlayerContext, refund: RefundRequest): Promise<StepAnswer> {
  return retryWhileUnknown(
    ctx.shopper.retries,
    (attempt) =>
      ctx.http.send(
        {
          name: 'refund',
          journey: refund.journey,
          attempt,
          method: 'POST',
          path: `/v1/orders/${encodeURIComponent(refund.orderId)}/refunds`,
          body: { amountMinor: refund.amountMinor },
          headers: { 'idempotency-key': refund.key },
        },
        refund.observe,
      ),
    (answer) => answer.type === 'answer' && !isRetryable(answer.status),
  )
}
