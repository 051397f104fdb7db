import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { CRASH_STEPS, type CrashPoints } from '../chaos-hooks/crash-points.js'
import type { Db } from '../db/db.js'
import { ProblemError } from '../http/problem.js'
import { listAdminEvents } from './admin-events.js'
import { listAdminInventory, setStock } from './admin-inventory.js'
import { listAdminOrders } from './admin-orders.js'
import {
  AdminEventsResponseSchema,
  AdminInventoryResponseSchema,
  AdminOrdersResponseSchema,
  AdminWebhooksResponseSchema,
} from './admin-schemas.js'
import { listAdminWebhookEvents } from './admin-webhooks.js'

/**
 * The admin API reports and scenarios use: `GET /__admin/health`, `/__admin/orders`,
 * `/__admin/webhooks`, `/__admin/events`, `/__admin/inventory`, `PUT /__admin/products/:sku/stock`
 * and `POST /__admin/crash-points`.
 */
export const adminRoutes: FastifyPluginAsync<{ db: Db; crashPoints: CrashPoints }> = async (
  plain,
  { db, crashPoints },
) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  app.get('/__admin/health', async () => ({ ok: true }))
  const ok = <T>(schema: T) => ({ schema: { response: { 200: schema } } })
  app.get('/__admin/orders', ok(AdminOrdersResponseSchema), async () => ({
    orders: await listAdminOrders(db),
  }))
  app.get('/__admin/webhooks', ok(AdminWebhooksResponseSchema), async () => ({
    events: await listAdminWebhookEvents(db),
  }))
  app.get('/__admin/events', ok(AdminEventsResponseSchema), async () => ({
    events: await listAdminEvents(db),
  }))
  app.get('/__admin/inventory', ok(AdminInventoryResponseSchema), async () => ({
    products: await listAdminInventory(db),
  }))
  // Arms a crash point: the platform SIGKILLs itself at that checkout step (game days only).
  app.post(
    '/__admin/crash-points',
    {
      schema: {
        body: Type.Object(
          {
            step: Type.Union(CRASH_STEPS.map((s) => Type.Literal(s))),
            nth: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      crashPoints.arm(request.body.step, request.body.nth ?? 1)
      return reply.code(201).send({ step: request.body.step, nth: request.body.nth ?? 1 })
    },
  )
  app.delete('/__admin/crash-points', async (_request, reply) => {
    crashPoints.disarm()
    return reply.code(204).send()
  })
  app.put(
    '/__admin/products/:sku/stock',
    {
      schema: {
        params: Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object(
          { stock: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { sku } = request.params
      if (!(await setStock(db, sku, request.body.stock))) {
        throw new ProblemError('UNKNOWN_SKU', `No product has SKU ${sku}`, { sku })
      }
      return { sku, stock: request.body.stock }
    },
  )
}
