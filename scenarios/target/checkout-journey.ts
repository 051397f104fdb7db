import type { AttemptOutcome } from '../../reports/types.js'
import { sleep } from '../load/abortable-sleep.js'
import { sendCheckout, type CheckoutVerdict } from './checkout-send.js'
import { problemCode } from './http-step.js'
import type { Observe, PlayerContext } from './player-context.js'
import { refundInParts } from './refund-in-parts.js'
import { backoffMs } from './retry-policy.js'
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
  let key = ref.idempotencyKey
  let sends = 0
  let last: CheckoutVerdict = { definite: false, outcome: { type: 'info', reason: 'not attempted' } }
  for (let round = 1; round <= ctx.shopper.retries + 1; round++) {
    if (round > 1) {
      await sleep(backoffMs(round))
      // A badly written app: the answer was lost, so it "starts over" under a key of its own.
      if (shopper.freshKeyRetry) {
        key = `${ref.idempotencyKey}-fresh-${freshKeys.length + 1}`
        freshKeys.push(key)
      }
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
    last = sent.verdict
    if (last.definite) break
  }

  const { outcome } = last
  if (outcome.type === 'ok' || (outcome.type === 'fail' && outcome.orderId)) {
    ctx.orders.placed(outcome.type === 'ok' ? outcome.orderId : outcome.orderId!)
  }
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
 * A cart with the item in it. A cart whose set-up was cut off is abandoned and a fresh one
 * started: re-adding an item to a cart whose first add may have landed would change what is bought.
 */
async function setUpCart(
  ctx: PlayerContext,
  journey: number,
  observe: Observe,
): Promise<{ type: 'cart'; cartId: string } | { type: 'failed'; outcome: AttemptOutcome }> {
  const { retries, sku, quantity } = ctx.shopper
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) await sleep(backoffMs(attempt + 1))
    const last = attempt >= retries
    const cart = await ctx.http.send(
      {
        name: 'cart',
        journey,
        attempt: attempt + 1,
        method: 'POST',
        path: '/v1/carts',
        body: { currency: 'usd' },
      },
      observe,
    )
    if (cart.type === 'lost') {
      if (last) return { type: 'failed', outcome: { type: 'info', reason: `cart: ${cart.reason}` } }
      continue
    }
    if (cart.status !== 201) {
      if (cart.status < 500 || last) return { type: 'failed', outcome: setupFailure(cart) }
      continue
    }
    const cartId = String(cart.json.id)
    const item = await ctx.http.send(
      {
        name: 'item',
        journey,
        attempt: attempt + 1,
        method: 'POST',
        path: `/v1/carts/${cartId}/items`,
        body: { sku, quantity },
      },
      observe,
    )
    if (item.type === 'lost') {
      if (last) return { type: 'failed', outcome: { type: 'info', reason: `cart: ${item.reason}` } }
      continue
    }
    if (item.status === 200) return { type: 'cart', cartId }
    if (item.status < 500 || last) return { type: 'failed', outcome: setupFailure(item) }
  }
}

function setupFailure(answer: { status: number; json: Record<string, unknown> }): AttemptOutcome {
  const { status } = answer
  if (status >= 500) return { type: 'info', reason: `cart: HTTP ${status}`, status }
  return { type: 'fail', status, code: problemCode(answer) ?? String(answer.json.code ?? 'CART_FAILED') }
}
