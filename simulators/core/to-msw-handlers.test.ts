import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createRouter, type Route } from './router.js'
import { toMswHandlers } from './to-msw-handlers.js'

const routes: Route[] = [
  { method: 'GET', path: '/v1/things/:id', handle: (_r, params) => Response.json({ id: params.id }) },
  {
    method: 'POST',
    path: '/v1/things',
    handle: async (r) => Response.json({ body: await r.text() }, { status: 201 }),
  },
]

describe('toMswHandlers', () => {
  it('answers through msw exactly as the router does', async () => {
    const handlers = toMswHandlers(routes)
    const router = createRouter(routes)
    const get = (): Request => new Request('http://127.0.0.1:1/v1/things/th_1')
    const post = (): Request => new Request('http://127.0.0.1:1/v1/things', { method: 'POST', body: 'a=1' })
    for (const make of [get, post]) {
      const viaMsw = await getResponse(handlers, make())
      const viaRouter = await router(make())
      expect(viaMsw?.status).toBe(viaRouter?.status)
      expect(await viaMsw?.text()).toBe(await viaRouter?.text())
    }
    expect(await router(new Request('http://127.0.0.1:1/v1/other'))).toBeUndefined()
  })
})
