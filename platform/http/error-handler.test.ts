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

describe('problem responses', () => {
  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/nothing' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404, title: expect.any(String) })
  })

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/carts',
      headers: { 'content-type': 'application/json' },
      payload: '{"currency":',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'MALFORMED_JSON' })
  })

  it('answers a body over 64 KiB with 413 BODY_TOO_LARGE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/carts',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(70_000) }),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' })
  })

  it('answers an unsupported content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/carts',
      headers: { 'content-type': 'text/xml' },
      payload: '<cart/>',
    })
    expect(res.statusCode).toBe(415)
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' })
  })

  it('hides the internals of a 500', async () => {
    const broken = testApp(
      { ...db, query: () => Promise.reject(new Error('secret: db exploded')) },
      { pspUrl: 'http://127.0.0.1:9' },
    )
    try {
      const res = await broken.app.inject({ method: 'GET', url: '/v1/products' })
      expect(res.statusCode).toBe(500)
      expect(res.json()).toMatchObject({ code: 'INTERNAL_ERROR' })
      expect(res.body).not.toContain('secret')
    } finally {
      await broken.close()
    }
  })
})
