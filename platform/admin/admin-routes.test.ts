import { Value } from '@sinclair/typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { cartWith, openTestDb, testApp } from '../testing/test-platform.js'
import {
  AdminEventsResponseSchema,
  AdminInventoryResponseSchema,
  AdminOrdersResponseSchema,
  AdminWebhooksResponseSchema,
} from './admin-schemas.js'

let db: Db
let psp: StubPsp
let t: ReturnType<typeof testApp>

beforeAll(async () => {
  db = await openTestDb()
  psp = await startStubPsp()
  t = testApp(db, { pspUrl: psp.url })
})
afterAll(async () => {
  await t?.close()
  await psp?.close()
  await db?.close()
})

describe('admin API', () => {
  it('answers health with ok', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/__admin/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })
  })

  it('lists no orders and no webhooks on a fresh database', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/__admin/orders' })).json()).toEqual({ orders: [] })
    expect((await t.app.inject({ method: 'GET', url: '/__admin/webhooks' })).json()).toEqual({ events: [] })
  })

  it('arms a known crash step and refuses an unknown one with a problem', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/__admin/crash-points',
      payload: { step: 'after-psp-charge', nth: 3 },
    })
    expect(ok.statusCode).toBe(201)
    const bad = await t.app.inject({
      method: 'POST',
      url: '/__admin/crash-points',
      payload: { step: 'somewhere' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/)
  })

  it('sets a SKU stock and reports the quantity sold in paid orders', async () => {
    const set = await t.app.inject({
      method: 'PUT',
      url: '/__admin/products/sku_limited_sneaker/stock',
      payload: { stock: 10 },
    })
    expect(set.json()).toEqual({ sku: 'sku_limited_sneaker', stock: 10 })
    const cartId = await cartWith(t.app, 'sku_limited_sneaker', 2)
    await t.app.inject({
      method: 'POST',
      url: '/v1/checkouts',
      headers: { 'idempotency-key': 'inv-1' },
      payload: { cartId, paymentMethod: 'pm_card_visa' },
    })
    const inv = (await t.app.inject({ method: 'GET', url: '/__admin/inventory' })).json() as {
      products: { sku: string }[]
    }
    expect(inv.products.find((p) => p.sku === 'sku_limited_sneaker')).toEqual({
      sku: 'sku_limited_sneaker',
      initialStock: 10,
      stock: 8,
      paidQuantity: 2,
    })
  })

  it('answers 422 UNKNOWN_SKU when setting the stock of an unknown SKU', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/__admin/products/sku_nope/stock',
      payload: { stock: 1 },
    })
    expect(res.json()).toMatchObject({ code: 'UNKNOWN_SKU' })
  })

  it('serves each ground-truth list in the shape of its exported schema', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/v1/checkouts',
      headers: { 'idempotency-key': 'schema-1' },
      payload: { cartId: await cartWith(t.app), paymentMethod: 'pm_card_visa' },
    })
    const lists = [
      ['/__admin/orders', AdminOrdersResponseSchema],
      ['/__admin/inventory', AdminInventoryResponseSchema],
      ['/__admin/webhooks', AdminWebhooksResponseSchema],
      ['/__admin/events', AdminEventsResponseSchema],
    ] as const
    for (const [url, schema] of lists) {
      const body: unknown = (await t.app.inject({ method: 'GET', url })).json()
      expect([url, [...Value.Errors(schema, body)].map((e) => e.path)]).toEqual([url, []])
    }
  })
})
