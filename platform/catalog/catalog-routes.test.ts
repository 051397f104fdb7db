import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { openTestDb, testApp } from '../testing/test-platform.js'
import { SCARCE_SKU, SCARCE_STOCK } from './seed-products.js'

let db: Db
let t: ReturnType<typeof testApp>

beforeAll(async () => {
  db = await openTestDb()
  t = testApp(db, { pspUrl: 'http://127.0.0.1:9' })
})
afterAll(async () => {
  await t?.close()
  await db?.close()
})

describe('GET /v1/products', () => {
  it('lists the seeded USD catalog with integer prices and stock', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/products' })
    expect(res.statusCode).toBe(200)
    const { products } = res.json() as {
      products: { sku: string; price: { amountMinor: number; currency: string }; stock: number }[]
    }
    expect(products.length).toBeGreaterThanOrEqual(5)
    for (const p of products) {
      expect(Number.isSafeInteger(p.price.amountMinor)).toBe(true)
      expect(p.price.currency).toBe('usd')
    }
    expect(products.find((p) => p.sku === SCARCE_SKU)?.stock).toBe(SCARCE_STOCK)
    expect(products.filter((p) => p.stock >= 1_000_000).length).toBeGreaterThanOrEqual(4)
  })
})

describe('GET /v1/products/:sku', () => {
  it('answers one product, and 404 PRODUCT_NOT_FOUND for a SKU nobody sells', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/v1/products/${SCARCE_SKU}` })
    expect(page.statusCode).toBe(200)
    expect(page.json()).toMatchObject({ sku: SCARCE_SKU, stock: SCARCE_STOCK, price: { currency: 'usd' } })
    const missing = await t.app.inject({ method: 'GET', url: '/v1/products/no-such-sku' })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['content-type']).toContain('application/problem+json')
    expect(missing.json()).toMatchObject({ code: 'PRODUCT_NOT_FOUND', sku: 'no-such-sku' })
    const tooLong = await t.app.inject({ method: 'GET', url: `/v1/products/${'x'.repeat(65)}` })
    expect(tooLong.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})

describe('browsing when every connection of the pool is held', () => {
  it('answers 503 DB_POOL_EXHAUSTED with Retry-After once the acquire timeout passes, then serves again', async () => {
    const small = await openTestDb({ size: 1, acquireTimeoutMs: 50 })
    const app = testApp(small, { pspUrl: 'http://127.0.0.1:9' })
    try {
      let letGo!: () => void
      const holding = small.withConnection(() => new Promise<void>((resolve) => (letGo = resolve)))
      const res = await app.app.inject({ method: 'GET', url: '/v1/products' })
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toBe('1')
      expect(res.json()).toMatchObject({ code: 'DB_POOL_EXHAUSTED', poolSize: 1 })
      letGo()
      await holding
      expect((await app.app.inject({ method: 'GET', url: '/v1/products' })).statusCode).toBe(200)
    } finally {
      await app.close()
      await small.close()
    }
  })
})
