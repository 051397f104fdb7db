import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../db/db.js'
import { listAdminOrders } from './admin-orders.js'
import { listAdminWebhookEvents } from './admin-webhooks.js'

/** `GET /__admin/health`, `/__admin/orders` and `/__admin/webhooks` (what reports read after a run). */
export const adminRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/__admin/health', async () => ({ ok: true }))
  app.get('/__admin/orders', async () => ({ orders: await listAdminOrders(db) }))
  app.get('/__admin/webhooks', async () => ({ events: await listAdminWebhookEvents(db) }))
}
