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

describe('admin API', () => {
  it('answers health with ok', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/__admin/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })
  })

  it('lists no orders on a fresh database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/__admin/orders' })
    expect(res.json()).toEqual({ orders: [] })
  })
})
