import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../db/db.js'
import { ProblemError } from '../http/problem.js'
import { toMoneyJson } from '../money-json.js'
import { findProduct, listProducts, type Product } from './products.js'

const Sku = Type.String({ minLength: 1, maxLength: 64 })

const productJson = (p: Product) => ({
  sku: p.sku,
  name: p.name,
  price: toMoneyJson(p.price),
  stock: p.stock,
})

/**
 * Browsing: `GET /v1/products` (the catalog with prices and stock) and `GET /v1/products/:sku`
 * (a product page). Like every API route they hold a connection of the pool for the request
 * (`http/connection-per-request.ts`): what a slow vendor exhausting that pool takes from
 * shoppers who only browse.
 */
export const catalogRoutes: FastifyPluginAsync<{ db: Db }> = async (plain, { db }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  app.get('/v1/products', async () => ({ products: (await listProducts(db)).map(productJson) }))
  app.get('/v1/products/:sku', { schema: { params: Type.Object({ sku: Sku }) } }, async (request) => {
    const product = await findProduct(db, request.params.sku)
    if (!product) {
      throw new ProblemError('PRODUCT_NOT_FOUND', `No product has SKU ${request.params.sku}`, {
        sku: request.params.sku,
      })
    }
    return productJson(product)
  })
}
