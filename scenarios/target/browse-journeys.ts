import type { StepAnswer } from './http-step.js'
import type { Observe, PlayerContext } from './player-context.js'
import { plainOutcome } from './plain-outcome.js'
import type { JourneyRef, JourneyResult } from './target.js'

/** `browse`: the product list. */
export async function playBrowse(
  ctx: PlayerContext,
  ref: JourneyRef,
  observe: Observe,
): Promise<JourneyResult> {
  const answer = await ctx.http.send(
    { name: 'browse', journey: ref.index, attempt: 1, method: 'GET', path: '/v1/products' },
    observe,
  )
  return { kind: 'browse', outcome: plainOutcome(answer) }
}

/** `view`: the product page of the scenario's SKU. */
export async function playView(
  ctx: PlayerContext,
  ref: JourneyRef,
  observe: Observe,
): Promise<JourneyResult> {
  const answer = await ctx.http.send(
    {
      name: 'view',
      journey: ref.index,
      attempt: 1,
      method: 'GET',
      path: `/v1/products/${encodeURIComponent(ctx.shopper.sku)}`,
    },
    observe,
  )
  return { kind: 'view', outcome: plainOutcome(answer) }
}

/** `cart`: a cart and an item, then the shopper leaves (an abandoned cart). Nothing is retried. */
export async function playAbandonedCart(
  ctx: PlayerContext,
  ref: JourneyRef,
  observe: Observe,
): Promise<JourneyResult> {
  const { answer } = await fillCart(ctx, ref.index, 1, observe)
  return { kind: 'cart', outcome: plainOutcome(answer) }
}

/**
 * A new cart with the scenario's item put in it (baggage `attempt` for both): `cartId` once the
 * cart was created, and the last answer — the item's, or the cart's when that was not a 201.
 */
export async function fillCart(
  ctx: PlayerContext,
  journey: number,
  attempt: number,
  observe: Observe,
): Promise<{ cartId?: string; answer: StepAnswer }> {
  const cart = await ctx.http.send(
    { name: 'cart', journey, attempt, method: 'POST', path: '/v1/carts', body: { currency: 'usd' } },
    observe,
  )
  if (cart.type === 'lost' || cart.status !== 201) return { answer: cart }
  const cartId = String(cart.json.id)
  const item = await ctx.http.send(
    {
      name: 'item',
      journey,
      attempt,
      method: 'POST',
      path: `/v1/carts/${cartId}/items`,
      body: { sku: ctx.shopper.sku, quantity: ctx.shopper.quantity },
    },
    observe,
  )
  return { cartId, answer: item }
}
