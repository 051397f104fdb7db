import { systemClock } from '../../lib/clock.js'
import type { AttemptOutcome } from '../../reports/types.js'
import { problemCode, unknownAnswerReason, type StepAnswer } from './http-step.js'
import type { Observe, PlayerContext } from './player-context.js'
import { isRetryable } from './retry-policy.js'

/** What one checkout send (or double click) told the shopper: definite, or still unknown. */
export type CheckoutVerdict =
  | {
      definite: true
      outcome: Extract<AttemptOutcome, { type: 'ok' | 'fail' }>
      /** The order's total (ok only), for the refunds that may follow. */
      totalMinor?: number
    }
  | { definite: false; outcome: Extract<AttemptOutcome, { type: 'info' }> }

export interface CheckoutSend {
  journey: number
  cartId: string
  key: string
  /** The baggage `attempt` of this send (a double click takes the next). */
  firstAttempt: number
  /** An impatient shopper's wait before clicking again, same key; `undefined`: they wait. */
  impatientAfterMs: number | undefined
  observe: Observe
}

/**
 * One checkout POST under `key`. An impatient shopper whose POST has not answered after
 * `impatientAfterMs` sends it again while the first still waits (a double click): the verdict is
 * the first definite answer of the two. Both are awaited, so every request is observed before the
 * journey ends.
 */
export async function sendCheckout(
  ctx: PlayerContext,
  send: CheckoutSend,
): Promise<{ verdict: CheckoutVerdict; sends: number }> {
  const post = (attempt: number) =>
    ctx.http
      .send(
        {
          name: 'checkout',
          journey: send.journey,
          attempt,
          method: 'POST',
          path: '/v1/checkouts',
          body: { cartId: send.cartId, paymentMethod: ctx.shopper.paymentMethod },
          headers: { 'idempotency-key': send.key },
        },
        send.observe,
      )
      .then(checkoutVerdict)
  const first = post(send.firstAttempt)
  if (send.impatientAfterMs === undefined) return { verdict: await first, sends: 1 }

  const early = await within(first, send.impatientAfterMs)
  if (early) return { verdict: early, sends: 1 }
  const second = post(send.firstAttempt + 1)
  const inOrder: CheckoutVerdict[] = []
  await Promise.all([first, second].map((p) => p.then((verdict) => void inOrder.push(verdict))))
  return { verdict: inOrder.find((v) => v.definite) ?? inOrder[inOrder.length - 1]!, sends: 2 }
}

/** A checkout answer as the shopper reads it: 200/201 ok, 409/5xx/none unknown, the rest a definite no. */
function checkoutVerdict(answer: StepAnswer): CheckoutVerdict {
  if (answer.type === 'lost') return { definite: false, outcome: { type: 'info', reason: answer.reason } }
  const { status, json } = answer
  const order = (json.order ?? {}) as Record<string, unknown>
  if (status === 201 || status === 200) {
    const total = (order.total ?? {}) as { amountMinor?: unknown }
    return {
      definite: true,
      outcome: { type: 'ok', status, orderId: String(order.id), orderStatus: String(order.status) },
      ...(typeof total.amountMinor === 'number' ? { totalMinor: total.amountMinor } : {}),
    }
  }
  if (isRetryable(status)) {
    return { definite: false, outcome: { type: 'info', reason: unknownAnswerReason(answer), status } }
  }
  const orderId = typeof json.orderId === 'string' ? json.orderId : undefined
  return {
    definite: true,
    outcome: {
      type: 'fail',
      status,
      code: problemCode(answer) ?? `HTTP_${status}`,
      ...(orderId ? { orderId } : {}),
    },
  }
}

/** `promise`'s value if it settles within `ms`, else `undefined` (it keeps running). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const cancel = systemClock.setTimeout(() => resolve(undefined), ms)
    void promise.then((value) => {
      cancel()
      resolve(value)
    })
  })
}
