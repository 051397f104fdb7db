import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../db/db.js'
import { listAdminOrders } from './admin-orders.js'

/** `GET /__admin/health` and `GET /__admin/orders` (what reports read after a run). */
export const adminRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/__admin/health', async () => ({ ok: true }))
  app.get('/__admin/orders', async () => ({ orders: await listAdminOrders(db) }))
}
