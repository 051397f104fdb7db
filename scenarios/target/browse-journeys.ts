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
  const cart = await ctx.http.send(
    {
      name: 'cart',
      journey: ref.index,
      attempt: 1,
      method: 'POST',
      path: '/v1/carts',
      body: { currency: 'usd' },
    },
    observe,
  )
  if (cart.type === 'lost' || cart.status !== 201) return { kind: 'cart', outcome: plainOutcome(cart) }
  const item = await ctx.http.send(
    {
      name: 'item',
      journey: ref.index,
      attempt: 1,
      method: 'POST',
      path: `/v1/carts/${String(cart.json.id)}/items`,
      body: { sku: ctx.shopper.sku, quantity: ctx.shopper.quantity },
    },
    observe,
  )
  return { kind: 'cart', outcome: plainOutcome(item) }
}
