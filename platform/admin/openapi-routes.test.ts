import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { openTestDb, testApp } from '../testing/test-platform.js'

interface Operation {
  tags?: string[]
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }
  responses: Record<string, { content?: Record<string, { schema: { properties: { code: unknown } } }> }>
}
interface Doc {
  openapi: string
  paths: Record<string, Record<string, Operation>>
}

let db: Db
let psp: StubPsp
let t: ReturnType<typeof testApp>
const routes: { method: string; url: string }[] = []
let doc: Doc

beforeAll(async () => {
  db = await openTestDb()
  psp = await startStubPsp()
  // The saga adds the review route: the document should hold every route of the fullest app.
  t = testApp(db, { pspUrl: psp.url, taxUrl: 'http://127.0.0.1:9', fraudUrl: 'http://127.0.0.1:9' })
  t.app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url })
  })
  const res = await t.app.inject({ method: 'GET', url: '/openapi.json' })
  expect(res.statusCode).toBe(200)
  doc = JSON.parse(res.body) as Doc
})
afterAll(async () => {
  await t?.close()
  await psp?.close()
  await db?.close()
})

const operation = (method: string, path: string) => doc.paths[path]?.[method.toLowerCase()]

describe('GET /openapi.json', () => {
  it('answers an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0')
  })

  it('lists every registered route but HEAD', () => {
    const missing = routes
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((key) => {
        const [method = '', path = ''] = key.split(' ')
        return operation(method, path) === undefined
      })
    expect(routes.length).toBeGreaterThan(10)
    expect(missing).toEqual([])
  })

  it('describes checkout with its request body and its problem answers', () => {
    const checkout = operation('POST', '/v1/checkouts')
    expect(checkout?.tags).toEqual(['checkout'])
    const body = checkout?.requestBody?.content['application/json']?.schema
    expect(Object.keys(body?.properties ?? {})).toEqual(['cartId', 'paymentMethod', 'email'])
    const codes = (status: string) =>
      checkout?.responses[status]?.content?.['application/problem+json']?.schema.properties.code
    expect(JSON.stringify(codes('402'))).toContain('CARD_DECLINED')
    expect(JSON.stringify(codes('503'))).toContain('PSP_CIRCUIT_OPEN')
    expect(JSON.stringify(codes('400'))).toContain('IDEMPOTENCY_KEY_REQUIRED')
  })

  it('tags the admin routes admin and keeps their response schemas', () => {
    const breakers = operation('GET', '/__admin/breakers')
    expect(breakers?.tags).toEqual(['admin'])
    expect(breakers?.responses['200']?.content?.['application/json']).toBeDefined()
    expect(operation('GET', '/__admin/safeguards')?.tags).toEqual(['admin'])
    expect(operation('POST', '/__admin/orders/{id}/review')).toBeDefined()
  })
})
