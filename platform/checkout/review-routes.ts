import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { PROBLEM_CONTENT_TYPE, ProblemError } from '../http/problem.js'
import { findOrder } from '../orders/order-repo.js'
import { toMoneyJson } from '../money-json.js'
import { checkoutResponse, sagaJson } from './checkout-response.js'
import { reviewOrder } from './review-order.js'
import type { SagaDeps } from './run-saga.js'

/**
 * `POST /__admin/orders/:id/review` `{ decision: 'approve' | 'reject' }`: decides an order held
 * for review (saga only). 200 with the order as it now stands; 404 `ORDER_NOT_FOUND`; 409
 * `ORDER_NOT_HELD`; a PSP failure on the way answers as the checkout would (502 `PSP_UNAVAILABLE`).
 */
export const reviewRoutes: FastifyPluginAsync<{ saga: SagaDeps }> = async (plain, { saga }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  app.post(
    '/__admin/orders/:id/review',
    {
      schema: {
        params: Type.Object({ id: Type.String({ pattern: '^[a-z]+_[a-z0-9]{1,64}$', maxLength: 80 }) }),
        body: Type.Object(
          { decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const result = await reviewOrder(saga, id, request.body.decision)
      switch (result.kind) {
        case 'not_found':
          throw new ProblemError('ORDER_NOT_FOUND', `Order ${id} does not exist`)
        case 'not_held':
          throw new ProblemError('ORDER_NOT_HELD', `Order ${id} is ${result.status}, not held for review`, {
            orderId: id,
            orderStatus: result.status,
          })
        case 'reviewed': {
          const { outcome } = result
          if (outcome.kind === 'payment_indeterminate' || outcome.kind === 'psp_rejected') {
            const response = checkoutResponse(outcome)
            return reply.code(response.status).type(PROBLEM_CONTENT_TYPE).send(response.body)
          }
          const stored = await findOrder(saga.db, id)
          if (!stored) throw new ProblemError('ORDER_NOT_FOUND', `Order ${id} does not exist`)
          const { order } = stored
          return {
            order: {
              id: order.id,
              status: order.status,
              total: toMoneyJson(order.total),
              ...('paymentIntentId' in order ? { paymentIntentId: order.paymentIntentId } : {}),
              ...(order.status === 'failed' ? { failureCode: order.reason } : {}),
              ...(order.saga ? sagaJson(order.saga) : {}),
            },
          }
        }
        default: {
          const never: never = result
          return never
        }
      }
    },
  )
}
