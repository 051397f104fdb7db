import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { openTestDb, testApp } from '../testing/test-platform.js'

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

const newCart = async () =>
  (await t.app.inject({ method: 'POST', url: '/v1/carts' })).json() as { id: string }
const addItem = (id: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url: `/v1/carts/${id}/items`, payload: payload as object })

describe('carts', () => {
  it('creates an empty USD cart with or without a body', async () => {
    for (const payload of [undefined, {}, { currency: 'usd' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/carts', ...(payload ? { payload } : {}) })
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({
        id: expect.stringMatching(/^cart_/),
        items: [],
        total: { amountMinor: 0, currency: 'usd' },
      })
    }
  })

  it('refuses a currency it does not sell in', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/carts', payload: { currency: 'eur' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('adds items, merges the same SKU and totals in minor units', async () => {
    const { id } = await newCart()
    await addItem(id, { sku: 'sku_mug', quantity: 1 })
    await addItem(id, { sku: 'sku_sticker', quantity: 3 })
    const res = await addItem(id, { sku: 'sku_mug', quantity: 2 })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      id,
      items: [
        { sku: 'sku_mug', quantity: 3, unitPrice: { amountMinor: 1200, currency: 'usd' } },
        { sku: 'sku_sticker', quantity: 3, unitPrice: { amountMinor: 199, currency: 'usd' } },
      ],
      total: { amountMinor: 3 * 1200 + 3 * 199, currency: 'usd' },
    })
    const read = await t.app.inject({ method: 'GET', url: `/v1/carts/${id}` })
    expect(read.json()).toEqual(res.json())
  })

  it('answers 404 CART_NOT_FOUND for an unknown cart', async () => {
    const res = await addItem('cart_missing', { sku: 'sku_mug', quantity: 1 })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'CART_NOT_FOUND' })
  })

  it('answers 422 UNKNOWN_SKU for a product it does not sell', async () => {
    const { id } = await newCart()
    const res = await addItem(id, { sku: 'sku_unicorn', quantity: 1 })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'UNKNOWN_SKU', sku: 'sku_unicorn' })
  })

  it('answers 422 INSUFFICIENT_STOCK beyond the stock', async () => {
    const { id } = await newCart()
    const res = await addItem(id, { sku: 'sku_limited_sneaker', quantity: 101 })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 100 })
  })

  it.each([
    { sku: 'sku_mug', quantity: 0 },
    { sku: 'sku_mug', quantity: 1.5 },
    { sku: 'sku_mug' },
    { sku: 'sku_mug', quantity: '2' },
    { sku: 'sku_mug', quantity: 1, extra: true },
  ])('refuses the invalid item %j with 400 VALIDATION_FAILED', async (payload) => {
    const { id } = await newCart()
    const res = await addItem(id, payload)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, type: expect.any(String) })
  })
})
