import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../db/db.js'
import { ProblemError } from '../http/problem.js'
import { listAdminEvents } from './admin-events.js'
import { listAdminInventory, setStock } from './admin-inventory.js'
import { listAdminOrders } from './admin-orders.js'
import { listAdminWebhookEvents } from './admin-webhooks.js'

/**
 * The admin API reports and scenarios use: `GET /__admin/health`, `/__admin/orders`,
 * `/__admin/webhooks`, `/__admin/events`, `/__admin/inventory`, and `PUT /__admin/products/:sku/stock`.
 */
export const adminRoutes: FastifyPluginAsync<{ db: Db }> = async (plain, { db }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  app.get('/__admin/health', async () => ({ ok: true }))
  app.get('/__admin/orders', async () => ({ orders: await listAdminOrders(db) }))
  app.get('/__admin/webhooks', async () => ({ events: await listAdminWebhookEvents(db) }))
  app.get('/__admin/events', async () => ({ events: await listAdminEvents(db) }))
  app.get('/__admin/inventory', async () => ({ products: await listAdminInventory(db) }))
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
