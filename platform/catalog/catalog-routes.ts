import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../db/db.js'
import { toMoneyJson } from '../money-json.js'
import { listProducts } from './products.js'

/** `GET /v1/products`: the catalog with prices and stock. */
export const catalogRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/v1/products', async () => {
    const products = await listProducts(db)
    return {
      products: products.map((p) => ({
        sku: p.sku,
        name: p.name,
        price: toMoneyJson(p.price),
        stock: p.stock,
      })),
    }
  })
}
