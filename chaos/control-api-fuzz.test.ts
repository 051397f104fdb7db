import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import { callApi } from './test-helpers.js'

describe('control API under arbitrary input', () => {
  let server: ProxyServer

  beforeAll(async () => {
    server = await startProxyServer()
    await callApi(server.url, 'POST', '/proxies', {
      name: 'p',
      upstream: '127.0.0.1:9',
      listen: '127.0.0.1:0',
    })
    await callApi(server.url, 'POST', '/proxies/p/toxics', { name: 't', type: 'latency' })
  })

  afterAll(async () => {
    await server.close()
  })

  it('answers every body with a Toxiproxy status and keeps serving', async () => {
    const paths = ['/proxies', '/populate', '/proxies/p', '/proxies/p/toxics', '/proxies/p/toxics/t']
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.record(
        {
          name: fc.oneof(fc.string(), fc.integer()),
          type: fc.constantFrom('latency', 'timeout', 'slicer', 'nope', ''),
          stream: fc.oneof(fc.constantFrom('upstream', 'DOWNSTREAM'), fc.string()),
          toxicity: fc.oneof(fc.double(), fc.string()),
          attributes: fc.dictionary(
            fc.constantFrom('latency', 'jitter', 'rate', 'x'),
            fc.oneof(fc.integer(), fc.double()),
          ),
          enabled: fc.oneof(fc.boolean(), fc.integer()),
          upstream: fc.string(),
        },
        { requiredKeys: [] },
      ),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), body, async (path, value) => {
        const text = typeof value === 'string' ? value : JSON.stringify(value)
        const answer = await callApi(server.url, 'POST', path, text)
        if (answer.status >= 500) {
          // Only a listen failure may answer 500, as in Toxiproxy.
          expect(answer.body).toMatchObject({ error: expect.stringMatching(/^listen tcp/) })
        } else {
          expect([200, 201, 204, 400, 404, 409]).toContain(answer.status)
        }
      }),
      { numRuns: 300, seed: 42 },
    )
    expect((await callApi(server.url, 'GET', '/version')).status).toBe(200)
  })
})
