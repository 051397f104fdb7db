import type { AttemptOutcome } from '../../reports/types.js'
import { fillCart } from './browse-journeys.js'
import { sendCheckout, type CheckoutVerdict } from './checkout-send.js'
import type { StepAnswer } from './http-step.js'
import type { Observe, PlayerContext } from './player-context.js'
import { refundInParts } from './refund-in-parts.js'
import { retryWhileUnknown } from './retry-policy.js'
import type { JourneyRef, JourneyResult, Shopper } from './target.js'

type CheckoutResult = Extract<JourneyResult, { kind: 'checkout' }>

/** Who plays a journey the driver handed no shopper for (the warm-up): one who waits for answers. */
const PATIENT_SHOPPER: Shopper = { id: 0, impatient: false, impatientAfterMs: 0, freshKeyRetry: false }

/**
 * A shopper checks out: create a cart, add an item, check out with an Idempotency-Key, retrying
 * the checkout when its answer was lost — with the same key, or, for a `freshKeyRetry` shopper's
 * app, a new one. Returns a Jepsen-style outcome: a network error, timeout or 5xx is
 * indeterminate (`info`), never a definite failure.
 */
export async function playCheckout(
  ctx: PlayerContext,
  ref: JourneyRef,
  observe: Observe,
): Promise<CheckoutResult> {
  const shopper = ref.shopper ?? PATIENT_SHOPPER
  const setup = await setUpCart(ctx, ref.index, observe)
  if (setup.type !== 'cart') return { kind: 'checkout', outcome: setup.outcome, tries: 0 }

  const freshKeys: string[] = []
  let sends = 0
  const last = await retryWhileUnknown(
    ctx.shopper.retries,
    async (round): Promise<CheckoutVerdict> => {
      let key = ref.idempotencyKey
      // A badly written app: the answer was lost, so it "starts over" under a key of its own.
      if (round > 1 && shopper.freshKeyRetry) {
        key = `${ref.idempotencyKey}-fresh-${round - 1}`
        freshKeys.push(key)
      }
      const sent = await sendCheckout(ctx, {
        journey: ref.index,
        cartId: setup.cartId,
        key,
        firstAttempt: sends + 1,
        impatientAfterMs: shopper.impatient ? shopper.impatientAfterMs : undefined,
        observe,
      })
      sends += sent.sends
      return sent.verdict
    },
    (verdict) => verdict.definite,
  )

  const { outcome } = last
  // A declined order was placed too: a later `status` journey may look it up.
  if (outcome.type !== 'info' && outcome.orderId) ctx.orders.placed(outcome.orderId)
  if (
    outcome.type === 'ok' &&
    last.definite &&
    outcome.orderStatus === 'paid' &&
    last.totalMinor !== undefined
  ) {
    const refund = ctx.shopper.refund
    if (refund && ref.index % refund.every === 0) {
      await refundInParts(ctx, {
        journey: ref.index,
        orderId: outcome.orderId,
        totalMinor: last.totalMinor,
        checkoutKey: ref.idempotencyKey,
        refund,
        observe,
      })
    } else {
      ctx.orders.paid({ id: outcome.orderId, amountMinor: last.totalMinor })
    }
  }
  return { kind: 'checkout', outcome, tries: sends, ...(freshKeys.length > 0 ? { freshKeys } : {}) }
}

/**
 * A cart with the item in it. A cart whose set-up was cut off (no answer, a 5xx) is abandoned and
 * a fresh one started: re-adding an item to a cart whose first add may have landed would change
 * what is bought.
 */
async function setUpCart(
  ctx: PlayerContext,
  journey: number,
  observe: Observe,
): Promise<{ type: 'cart'; cartId: string } | { type: 'failed'; outcome: AttemptOutcome }> {
  const { cartId, answer } = await retryWhileUnknown(
    ctx.shopper.retries,
    (attempt) => fillCart(ctx, journey, attempt, observe),
    (filled) => filled.answer.type === 'answer' && filled.answer.status < 500,
  )
  if (cartId !== undefined && answer.type === 'answer' && answer.status === 200)
    return { type: 'cart', cartId }
  return { type: 'failed', outcome: setupFailure(answer) }
}

function setupFailure(answer: StepAnswer): AttemptOutcome {
  if (answer.type === 'lost') return { type: 'info', reason: `cart: ${answer.reason}` }
  const { status } = answer
  if (status >= 500) return { type: 'info', reason: `cart: HTTP ${status}`, status }
  return { type: 'fail', status, code: String(answer.json.code ?? 'CART_FAILED') }
}
