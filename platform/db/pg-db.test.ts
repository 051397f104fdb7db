import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { cartWith, testApp } from '../testing/test-platform.js'
import type { Db } from './db.js'
import { migrate } from './migrate.js'
import { openPgDb } from './pg-db.js'

/**
 * The Postgres path, against a real server: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
 * npx vitest run platform/db/pg-db.test.ts`. Each test uses its own schema and drops it after.
 */
const url = process.env.DATABASE_URL
if (!url) console.warn('platform/db/pg-db.test.ts: skipped — set DATABASE_URL to test the Postgres path')

const schemas: string[] = []
const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  if (!url) return
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    for (const s of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`)
  } finally {
    await admin.end()
  }
})

async function freshDb(): Promise<Db> {
  const schema = `gameday_test_${process.pid}_${schemas.length}_${Date.now().toString(36)}`
  schemas.push(schema)
  const db = await openPgDb({ url: url!, schema, pool: { size: 4 } })
  cleanups.push(() => db.close())
  await migrate(db)
  return db
}

describe.skipIf(!url)('Postgres (DATABASE_URL)', () => {
  it('migrates a fresh schema once, even when migrated twice at once', async () => {
    const db = await freshDb()
    const again = await Promise.all([migrate(db), migrate(db)])
    expect(again).toEqual([[], []])
    const products = await db.query<{ n: number }>('SELECT count(*) AS n FROM products')
    expect(products.rows[0]?.n).toBeGreaterThan(0)
  })

  it('keeps parallel runs apart by schema', async () => {
    const a = await freshDb()
    const b = await freshDb()
    await a.query("UPDATE products SET stock = 7 WHERE sku = 'sku_mug'")
    const inB = await b.query<{ stock: number }>("SELECT stock FROM products WHERE sku = 'sku_mug'")
    expect(inB.rows[0]?.stock).toBe(1_000_000)
  })

  it('rolls a failed transaction back', async () => {
    const db = await freshDb()
    await expect(
      db.transaction(async (tx) => {
        await tx.query("UPDATE products SET stock = 0 WHERE sku = 'sku_mug'")
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    const res = await db.query<{ stock: number }>("SELECT stock FROM products WHERE sku = 'sku_mug'")
    expect(res.rows[0]?.stock).toBe(1_000_000)
  })

  it('runs an idempotent checkout end to end', async () => {
    const db = await freshDb()
    const psp: StubPsp = await startStubPsp()
    cleanups.push(() => psp.close())
    const t = testApp(db, { pspUrl: psp.url })
    cleanups.push(() => t.close())
    const cartId = await cartWith(t.app, 'sku_mug', 2)
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/checkouts',
        headers: { 'idempotency-key': 'pg-key' },
        payload: { cartId, paymentMethod: 'pm_card_visa' },
      })
    const [a, b] = await Promise.all([send(), send()])
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409])
    const replay = await send()
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(psp.charges).toHaveLength(1)
    const orders = (await t.app.inject({ method: 'GET', url: '/__admin/orders' })).json() as {
      orders: { status: string; amountMinor: number }[]
    }
    expect(orders.orders).toMatchObject([{ status: 'paid', amountMinor: 2400 }])
  })

  it('never oversells the scarce SKU under concurrent checkouts with inventory-lock on', async () => {
    const db = await freshDb()
    await db.query("UPDATE products SET stock = 5 WHERE sku = 'sku_limited_sneaker'")
    const psp = await startStubPsp()
    cleanups.push(() => psp.close())
    const t = testApp(db, { pspUrl: psp.url })
    cleanups.push(() => t.close())
    const carts = await Promise.all(
      Array.from({ length: 10 }, () => cartWith(t.app, 'sku_limited_sneaker', 1)),
    )
    const results = await Promise.all(
      carts.map((cartId, i) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/checkouts',
          headers: { 'idempotency-key': `flash-${i}` },
          payload: { cartId, paymentMethod: 'pm_card_visa' },
        }),
      ),
    )
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5)
    const stock = await db.query<{ stock: number }>(
      "SELECT stock FROM products WHERE sku = 'sku_limited_sneaker'",
    )
    expect(stock.rows[0]?.stock).toBe(0)
  })
})
