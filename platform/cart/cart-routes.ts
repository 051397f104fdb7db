import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { ProblemError } from '../http/problem.js'
import { toMoneyJson } from '../money-json.js'
import type { CartService } from './cart-service.js'
import type { Cart } from './carts.js'

const Id = Type.String({ pattern: '^[a-z]+_[a-z0-9]{1,64}$', maxLength: 80 })
const Sku = Type.String({ minLength: 1, maxLength: 64 })

/** Carts as the API writes them. */
export function cartJson(cart: Cart) {
  return {
    id: cart.id,
    items: cart.items.map((i) => ({ sku: i.sku, quantity: i.quantity, unitPrice: toMoneyJson(i.unitPrice) })),
    total: toMoneyJson(cart.total),
  }
}

/** `POST /v1/carts`, `GET /v1/carts/:id`, `POST /v1/carts/:id/items`. */
export const cartRoutes: FastifyPluginAsync<{ carts: CartService }> = async (plain, { carts }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  app.post(
    '/v1/carts',
    {
      schema: {
        body: Type.Object({ currency: Type.Optional(Type.Literal('usd')) }, { additionalProperties: false }),
      },
      // The body is optional: no body means the defaults.
      preValidation: async (request) => {
        request.body ??= {}
      },
    },
    async (request, reply) => {
      const cart = await carts.create(request.body.currency ?? 'usd')
      return reply.code(201).send(cartJson(cart))
    },
  )
  app.get('/v1/carts/:id', { schema: { params: Type.Object({ id: Id }) } }, async (request) => {
    const cart = await carts.get(request.params.id)
    if (!cart) throw new ProblemError('CART_NOT_FOUND', `Cart ${request.params.id} does not exist`)
    return cartJson(cart)
  })
  app.post(
    '/v1/carts/:id/items',
    {
      schema: {
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 1000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const result = await carts.addItem(request.params.id, request.body.sku, request.body.quantity)
      if (result.ok) return cartJson(result.cart)
      const e = result.error
      switch (e.code) {
        case 'CART_NOT_FOUND':
          throw new ProblemError(e.code, `Cart ${e.cartId} does not exist`)
        case 'UNKNOWN_SKU':
          throw new ProblemError(e.code, `No product has SKU ${e.sku}`, { sku: e.sku })
        case 'INSUFFICIENT_STOCK':
          throw new ProblemError(e.code, `Only ${e.available} of ${e.sku} in stock`, {
            sku: e.sku,
            available: e.available,
          })
        case 'CURRENCY_MISMATCH':
          throw new ProblemError(e.code, `${e.sku} is not sold in this cart's currency`, { sku: e.sku })
        default: {
          const never: never = e
          return never
        }
      }
    },
  )
}
