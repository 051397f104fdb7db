import { sleep } from '../load/abortable-sleep.js'
import type { StepAnswer } from './http-step.js'
import type { Observe, PlayerContext } from './player-context.js'
import { backoffMs, isRetryable } from './retry-policy.js'

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
export async function requestRefund(ctx: PlayerContext, refund: RefundRequest): Promise<StepAnswer> {
  let answer: StepAnswer = { type: 'lost', reason: 'not attempted' }
  for (let tries = 1; tries <= ctx.shopper.retries + 1; tries++) {
    if (tries > 1) await sleep(backoffMs(tries))
    answer = await ctx.http.send(
      {
        name: 'refund',
        journey: refund.journey,
        attempt: tries,
        method: 'POST',
        path: `/v1/orders/${encodeURIComponent(refund.orderId)}/refunds`,
        body: { amountMinor: refund.amountMinor },
        headers: { 'idempotency-key': refund.key },
      },
      refund.observe,
    )
    if (answer.type === 'answer' && !isRetryable(answer.status)) return answer
  }
  return answer
}
