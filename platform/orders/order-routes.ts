import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../db/db.js'
import { ProblemError } from '../http/problem.js'
import { toMoneyJson } from '../money-json.js'
import { findOrder, listTransitions } from './order-repo.js'
import { sagaJson } from '../checkout/checkout-response.js'

/** `GET /v1/orders/:id`: the order with every transition it went through. */
export const orderRoutes: FastifyPluginAsync<{ db: Db }> = async (plain, { db }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  app.get(
    '/v1/orders/:id',
    {
      schema: {
        params: Type.Object({ id: Type.String({ pattern: '^[a-z]+_[a-z0-9]{1,64}$', maxLength: 80 }) }),
      },
    },
    async (request) => {
      const stored = await findOrder(db, request.params.id)
      if (!stored) throw new ProblemError('ORDER_NOT_FOUND', `Order ${request.params.id} does not exist`)
      const { order } = stored
      return {
        order: {
          id: order.id,
          status: order.status,
          cartId: order.cartId,
          total: toMoneyJson(order.total),
          ...('paymentIntentId' in order ? { paymentIntentId: order.paymentIntentId } : {}),
          ...(order.status === 'failed' ? { failureCode: order.reason } : {}),
          // Present once something was refunded (a paid order keeps `paid` until all of it is).
          ...(order.refundedMinor ? { refundedMinor: order.refundedMinor } : {}),
          ...(order.saga ? sagaJson(order.saga) : {}),
          paymentIntentIds: [...order.paymentIntentIds],
          createdAt: order.createdAt.toISOString(),
          transitions: await listTransitions(db, order.id),
        },
      }
    },
  )
}
