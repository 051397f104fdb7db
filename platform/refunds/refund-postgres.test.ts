import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { startPsp } from '../../simulators/psp/start-psp.js'
import type { Db } from '../db/db.js'
import { migrate } from '../db/migrate.js'
import { openPgDb } from '../db/pg-db.js'
import { cartWith, testApp } from '../testing/test-platform.js'

/**
 * Refunds on real Postgres, where parallel requests really run in parallel (PGlite has one
 * session): `DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run
 * platform/refunds/refund-postgres.test.ts`. Each test uses its own schema and drops it after.
 */
const url = process.env.DATABASE_URL
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
  const schema = `gameday_refunds_${process.pid}_${schemas.length}_${Date.now().toString(36)}`
  schemas.push(schema)
  const db = await openPgDb({ url: url!, schema, pool: { size: 8 } })
  cleanups.push(() => db.close())
  await migrate(db)
  return db
}

/** A PSP-only platform on a fresh schema, against the real PSP simulator; a paid order on it. */
async function paidOrder(): Promise<{
  app: FastifyInstance
  pspUrl: string
  id: string
  totalMinor: number
}> {
  const db = await freshDb()
  const psp = await startPsp({ port: 0, seed: 11 })
  cleanups.push(() => psp.close())
  const t = testApp(db, { pspUrl: psp.url })
  cleanups.push(() => t.close())
  const cartId = await cartWith(t.app, 'sku_hoodie', 2)
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': 'pg-refund-checkout' },
    payload: { cartId, paymentMethod: 'pm_card_visa' },
  })
  expect(res.statusCode, res.body).toBe(201)
  const { order } = res.json() as { order: { id: string; total: { amountMinor: number } } }
  return { app: t.app, pspUrl: psp.url, id: order.id, totalMinor: order.total.amountMinor }
}

const refundedAtPsp = async (pspUrl: string, orderId: string) =>
  (
    (await (await fetch(`${pspUrl}/__admin/ledger`)).json()) as {
      entries: { type: string; amount: number; metadata: Record<string, string> }[]
    }
  ).entries
    .filter((e) => e.type === 'refund' && e.metadata.order_id === orderId)
    .reduce((n, e) => n + e.amount, 0)

describe.skipIf(!url)('refunds on Postgres (DATABASE_URL)', () => {
  it('never refunds more than the capture under parallel partial refunds', async () => {
    const { app, pspUrl, id, totalMinor } = await paidOrder()
    const part = Math.floor((totalMinor * 30) / 100)
    const answers = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        app.inject({
          method: 'POST',
          url: `/v1/orders/${id}/refunds`,
          headers: { 'idempotency-key': `pg-par-${i}` },
          payload: { amountMinor: part },
        }),
      ),
    )
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 422, 422])
    expect(await refundedAtPsp(pspUrl, id)).toBe(3 * part)
    const order = (await app.inject({ method: 'GET', url: `/v1/orders/${id}` })).json() as {
      order: { status: string; refundedMinor: number }
    }
    expect(order.order).toMatchObject({ status: 'paid', refundedMinor: 3 * part })
  })

  it('refunds the rest in full and replays the same key once', async () => {
    const { app, pspUrl, id, totalMinor } = await paidOrder()
    const send = () =>
      app.inject({
        method: 'POST',
        url: `/v1/orders/${id}/refunds`,
        headers: { 'idempotency-key': 'pg-full' },
      })
    const [a, b] = await Promise.all([send(), send()])
    expect([a.statusCode, b.statusCode]).toEqual([201, 201])
    expect(a.json()).toEqual(b.json())
    expect(a.json()).toMatchObject({ order: { status: 'refunded', refundedMinor: totalMinor } })
    expect(await refundedAtPsp(pspUrl, id)).toBe(totalMinor)
  })
})
