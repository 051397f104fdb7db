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
