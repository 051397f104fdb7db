import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { cartWith, testApp } from '../testing/test-platform.js'
import type { Db } from './db.js'
import { migrate } from './migrate.js'
import { openPgDb, type PgDbOptions } from './pg-db.js'

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

async function freshDb(options: Partial<PgDbOptions> = {}): Promise<Db> {
  const schema = `gameday_test_${process.pid}_${schemas.length}_${Date.now().toString(36)}`
  schemas.push(schema)
  const db = await openPgDb({ url: url!, schema, pool: { size: 4 }, ...options })
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

  it('commits without waiting for the disk unless told to (synchronous_commit)', async () => {
    const setting = async (db: Db) => {
      const pooled = await db.query<{ synchronous_commit: string }>('SHOW synchronous_commit')
      const held = await db.withConnection(() =>
        db.query<{ synchronous_commit: string }>('SHOW synchronous_commit'),
      )
      return [pooled.rows[0]?.synchronous_commit, held.rows[0]?.synchronous_commit]
    }
    expect(await setting(await freshDb())).toEqual(['off', 'off'])
    expect(await setting(await freshDb({ synchronousCommit: 'on' }))).toEqual(['on', 'on'])
  })

  it('prepares a statement with parameters once per connection, and runs one without unnamed', async () => {
    const db = await freshDb()
    const sql = 'SELECT stock FROM products WHERE sku = $1'
    const prepared = await db.withConnection(async () => {
      for (let i = 0; i < 3; i++) {
        const res = await db.query<{ stock: number }>(sql, ['sku_mug'])
        expect(res.rows[0]?.stock).toBe(1_000_000)
      }
      return db.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')
    })
    const statements = prepared.rows.map((r) => r.statement)
    expect(statements.filter((s) => s === sql)).toHaveLength(1)
    expect(statements.filter((s) => !s.includes('$'))).toEqual([])
  })

  it('runs a statement whose plan went stale again, on a connection it then closes', async () => {
    const db = await freshDb()
    await db.query('CREATE TABLE stale_plan (id int PRIMARY KEY, a text)')
    await db.query("INSERT INTO stale_plan VALUES (1, 'x')")
    const sql = 'SELECT * FROM stale_plan WHERE id = $1'
    const backend = 'SELECT pg_backend_pid() AS pid'
    const [before, after] = await db
      .withConnection(async () => {
        expect((await db.query(sql, [1])).rows).toEqual([{ id: 1, a: 'x' }])
        await db.query('ALTER TABLE stale_plan ADD COLUMN b text')
        // 0A000 "cached plan must not change result type" on the named statement: run unnamed.
        expect((await db.query(sql, [1])).rows).toEqual([{ id: 1, a: 'x', b: null }])
        // In a transaction of the held connection the error goes up (the transaction is aborted).
        await db.query('ALTER TABLE stale_plan ADD COLUMN c text')
        await expect(db.transaction((tx) => tx.query(sql, [1]))).rejects.toMatchObject({ code: '0A000' })
        return (await db.query<{ pid: number }>(backend)).rows[0]?.pid
      })
      .then(async (pid) => [
        pid,
        (await db.withConnection(() => db.query<{ pid: number }>(backend))).rows[0]?.pid,
      ])
    // The connection that held the stale statement was closed, not handed out again.
    const live = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE pid = $1', [before])
    expect(live.rows).toEqual([])
    expect(after).not.toBe(before)
    expect((await db.query(sql, [1])).rows).toEqual([{ id: 1, a: 'x', b: null, c: null }])
  })
})
