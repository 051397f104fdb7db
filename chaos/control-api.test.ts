import { createServer, type Server } from 'node:net'
import { once } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import {
  callApi,
  openSocket,
  portOf,
  roundTrip,
  startEchoServer,
  waitForClose,
  type TestServer,
} from './test-helpers.js'

describe('control API', () => {
  let server: ProxyServer
  let echo: TestServer
  const api = (method: string, path: string, body?: unknown) => callApi(server.url, method, path, body)
  const create = (name: string, extra: Record<string, unknown> = {}) =>
    api('POST', '/proxies', { name, upstream: echo.address, listen: '127.0.0.1:0', ...extra })

  beforeEach(async () => {
    echo = await startEchoServer()
    server = await startProxyServer({ seed: 3 })
  })

  afterEach(async () => {
    await server.close()
    await echo.close()
  })

  describe('proxies', () => {
    it('lists no proxies as an empty object', async () => {
      expect(await api('GET', '/proxies')).toEqual({ status: 200, body: {} })
    })

    it('creates a proxy with 201, enabled by default, on a random port when listen is missing', async () => {
      const answer = await api('POST', '/proxies', { name: 'a', upstream: echo.address })
      expect(answer.status).toBe(201)
      expect(answer.body).toMatchObject({ name: 'a', upstream: echo.address, enabled: true, toxics: [] })
      const listen = (answer.body as { listen: string }).listen
      expect(portOf(listen)).toBeGreaterThan(0)
      expect((await api('GET', '/proxies')).body).toEqual({ a: answer.body })
    })

    it('resolves localhost in listen to 127.0.0.1', async () => {
      const answer = await create('a', { listen: 'localhost:0' })
      expect((answer.body as { listen: string }).listen).toMatch(/^127\.0\.0\.1:\d+$/)
    })

    it('creates a disabled proxy that does not listen', async () => {
      const answer = await create('a', { enabled: false })
      expect(answer).toMatchObject({ status: 201, body: { enabled: false, listen: '127.0.0.1:0' } })
    })

    it.each([
      [{ upstream: '127.0.0.1:1' }, 'missing required field: name'],
      [{ name: 'a' }, 'missing required field: upstream'],
      [{ name: '', upstream: '127.0.0.1:1' }, 'missing required field: name'],
    ])('refuses a body missing a field (%j) with 400', async (body, error) => {
      expect(await api('POST', '/proxies', body)).toEqual({
        status: 400,
        body: { error, status: 400, code: 'MISSING_FIELD' },
      })
    })

    it.each([
      '{',
      '',
      'null',
      '[1]',
      '{"name":"a","upstream":"x:1","enabled":"yes"}',
      '{"name":3,"upstream":"x:1"}',
    ])('refuses the bad body %j with 400 "bad request body"', async (text) => {
      const answer = await api('POST', '/proxies', text)
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({ status: 400, error: expect.stringMatching(/^bad request body/) })
      expect((await api('GET', '/proxies')).body).toEqual({})
    })

    it('refuses a second proxy with the same name with 409', async () => {
      await create('a')
      expect(await create('a')).toEqual({
        status: 409,
        body: { error: 'proxy already exists', status: 409, code: 'PROXY_ALREADY_EXISTS' },
      })
    })

    it('answers 500 when the listen address is in use and creates nothing', async () => {
      const blocker: Server = createServer()
      blocker.listen(0, '127.0.0.1')
      await once(blocker, 'listening')
      try {
        const port = (blocker.address() as { port: number }).port
        const answer = await create('a', { listen: `127.0.0.1:${port}` })
        expect(answer.status).toBe(500)
        expect(answer.body).toMatchObject({ status: 500, error: expect.stringContaining('EADDRINUSE') })
        expect((await api('GET', '/proxies')).body).toEqual({})
      } finally {
        blocker.close()
      }
    })

    it('answers 500 for a listen address that is not host:port', async () => {
      const answer = await create('a', { listen: 'nonsense' })
      expect(answer).toMatchObject({ status: 500, body: { status: 500 } })
      expect((await api('GET', '/proxies')).body).toEqual({})
    })

    it('shows one proxy, or 404 "proxy not found"', async () => {
      const created = await create('a')
      expect(await api('GET', '/proxies/a')).toEqual({ status: 200, body: created.body })
      expect(await api('GET', '/proxies/nope')).toEqual({
        status: 404,
        body: { error: 'proxy not found', status: 404, code: 'PROXY_NOT_FOUND' },
      })
    })

    it('disables with a partial update, refusing new connections and closing open ones', async () => {
      const listen = ((await create('a')).body as { listen: string }).listen
      const socket = await openSocket(portOf(listen))
      await roundTrip(socket)
      const closed = waitForClose(socket, 3000)
      const answer = await api('POST', '/proxies/a', { enabled: false })
      expect(answer).toMatchObject({ status: 200, body: { name: 'a', enabled: false, listen } })
      expect(await closed).not.toBe('timeout')
      await expect(openSocket(portOf(listen))).rejects.toMatchObject({ code: 'ECONNREFUSED' })
      const again = await api('PATCH', '/proxies/a', { enabled: true })
      expect(again).toMatchObject({ status: 200, body: { enabled: true, listen } })
      const reopened = await openSocket(portOf(listen))
      expect(await roundTrip(reopened)).toBeLessThan(1000)
      reopened.destroy()
    })

    it('restarts on a new upstream and keeps listen when only upstream is given', async () => {
      const other = await startEchoServer()
      try {
        const listen = ((await create('a')).body as { listen: string }).listen
        const answer = await api('POST', '/proxies/a', { upstream: other.address })
        expect(answer).toMatchObject({
          status: 200,
          body: { upstream: other.address, listen, enabled: true },
        })
        const socket = await openSocket(portOf(listen))
        expect(await roundTrip(socket)).toBeLessThan(1000)
        socket.destroy()
      } finally {
        await other.close()
      }
    })

    it('answers 500 to a move onto an address in use and keeps serving where it was', async () => {
      const listen = ((await create('a')).body as { listen: string }).listen
      const socket = await openSocket(portOf(listen))
      await roundTrip(socket)
      const blocker = createServer().listen(0, '127.0.0.1')
      await once(blocker, 'listening')
      try {
        const taken = `127.0.0.1:${(blocker.address() as { port: number }).port}`
        const answer = await api('POST', '/proxies/a', { listen: taken })
        expect(answer).toMatchObject({ status: 500, body: { error: expect.stringContaining('EADDRINUSE') } })
        await api('POST', '/proxies/a/toxics', '{"type": ')
        await api('POST', '/proxies/a/toxics', { type: 'latency', attributes: { latency: -1 } })
        await api('POST', '/proxies/a/toxics', { type: 'nope' })
        expect((await api('GET', '/proxies/a')).body).toMatchObject({ listen, enabled: true, toxics: [] })
        expect(await roundTrip(socket)).toBeLessThan(1000)
        const fresh = await openSocket(portOf(listen))
        expect(await roundTrip(fresh)).toBeLessThan(1000)
        fresh.destroy()
      } finally {
        socket.destroy()
        blocker.close()
      }
    })

    it('moves to a new listen address, closing the old listener', async () => {
      const listen = ((await create('a')).body as { listen: string }).listen
      const moved = ((await api('POST', '/proxies/a', { listen: '127.0.0.1:0' })).body as { listen: string })
        .listen
      expect(moved).not.toBe(listen)
      await expect(openSocket(portOf(listen))).rejects.toMatchObject({ code: 'ECONNREFUSED' })
      const socket = await openSocket(portOf(moved))
      expect(await roundTrip(socket)).toBeLessThan(1000)
      socket.destroy()
    })

    it('answers 404 and 400 to bad updates', async () => {
      await create('a')
      expect((await api('POST', '/proxies/nope', { enabled: false })).status).toBe(404)
      expect((await api('POST', '/proxies/a', '{oops')).status).toBe(400)
      expect((await api('POST', '/proxies/a', { enabled: 1 })).status).toBe(400)
    })

    it('deletes with 204, closing its listener, and answers 404 for an unknown one', async () => {
      const listen = ((await create('a')).body as { listen: string }).listen
      expect(await api('DELETE', '/proxies/a')).toEqual({ status: 204, body: undefined })
      expect((await api('DELETE', '/proxies/a')).status).toBe(404)
      await expect(openSocket(portOf(listen))).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    })
  })

  describe('populate', () => {
    it('creates every proxy with 201 and {proxies}', async () => {
      const answer = await api('POST', '/populate', [
        { name: 'a', upstream: echo.address },
        { name: 'b', upstream: echo.address, enabled: false },
      ])
      expect(answer.status).toBe(201)
      const proxies = (answer.body as { proxies: Array<{ name: string; enabled: boolean }> }).proxies
      expect(proxies.map((proxy) => [proxy.name, proxy.enabled])).toEqual([
        ['a', true],
        ['b', false],
      ])
    })

    it('answers {proxies: null} for an empty array', async () => {
      expect(await api('POST', '/populate', [])).toEqual({ status: 201, body: { proxies: null } })
    })

    it('validates every item before creating any', async () => {
      const answer = await api('POST', '/populate', [
        { name: 'a', upstream: echo.address },
        { upstream: echo.address },
      ])
      expect(answer).toEqual({
        status: 400,
        body: { error: 'missing required field: name at proxy 2', status: 400, code: 'MISSING_FIELD' },
      })
      expect((await api('GET', '/proxies')).body).toEqual({})
      expect((await api('POST', '/populate', { name: 'a' })).status).toBe(400)
    })

    it('keeps an identical proxy with its toxics and replaces a changed one', async () => {
      const a = (await create('a')).body as { listen: string }
      const b = (await create('b')).body as { listen: string }
      await api('POST', '/proxies/a/toxics', { type: 'latency', attributes: { latency: 1 } })
      await api('POST', '/proxies/b/toxics', { type: 'latency', attributes: { latency: 1 } })
      const other = await startEchoServer()
      try {
        const answer = await api('POST', '/populate', [
          { name: 'a', upstream: echo.address, listen: a.listen },
          { name: 'b', upstream: other.address, listen: b.listen },
        ])
        expect(answer.status).toBe(201)
        expect((await api('GET', '/proxies/a/toxics')).body).toHaveLength(1)
        expect((await api('GET', '/proxies/b')).body).toMatchObject({ upstream: other.address, toxics: [] })
      } finally {
        await other.close()
      }
    })

    it('reports a listen failure with the proxies created before it', async () => {
      const blocker = createServer()
      blocker.listen(0, '127.0.0.1')
      await once(blocker, 'listening')
      try {
        const port = (blocker.address() as { port: number }).port
        const answer = await api('POST', '/populate', [
          { name: 'a', upstream: echo.address },
          { name: 'b', upstream: echo.address, listen: `127.0.0.1:${port}` },
        ])
        expect(answer.status).toBe(500)
        expect(answer.body).toMatchObject({ status: 500, proxies: [{ name: 'a' }] })
        expect(Object.keys((await api('GET', '/proxies')).body as object)).toEqual(['a'])
      } finally {
        blocker.close()
      }
    })
  })

  describe('toxics', () => {
    beforeEach(async () => {
      await create('p')
    })

    it('lists no toxics as [] and answers 404 for an unknown proxy', async () => {
      expect(await api('GET', '/proxies/p/toxics')).toEqual({ status: 200, body: [] })
      expect((await api('GET', '/proxies/nope/toxics')).status).toBe(404)
    })

    it('creates a toxic with 200 and every default filled', async () => {
      const answer = await api('POST', '/proxies/p/toxics', { type: 'latency' })
      expect(answer).toEqual({
        status: 200,
        body: {
          name: 'latency_downstream',
          type: 'latency',
          stream: 'downstream',
          toxicity: 1,
          attributes: { latency: 0, jitter: 0 },
        },
      })
    })

    it('accepts the stream in any case', async () => {
      const answer = await api('POST', '/proxies/p/toxics', { type: 'slicer', stream: 'UpStream' })
      expect(answer.body).toMatchObject({ name: 'slicer_upstream', stream: 'upstream' })
    })

    it.each([
      [
        { type: 'latency', stream: 'sideways' },
        400,
        'stream was invalid, can be either upstream or downstream',
        'INVALID_STREAM',
      ],
      [{ type: 'nope' }, 400, 'invalid toxic type', 'INVALID_TOXIC_TYPE'],
      [{}, 400, 'invalid toxic type', 'INVALID_TOXIC_TYPE'],
    ])('refuses %j', async (body, status, error, code) => {
      expect(await api('POST', '/proxies/p/toxics', body)).toEqual({ status, body: { error, status, code } })
    })

    it.each([
      { type: 'latency', attributes: { latency: -1 } },
      { type: 'latency', attributes: { latency: 1.5 } },
      { type: 'latency', attributes: { latency: '100' } },
      { type: 'latency', toxicity: 1.5 },
      { type: 'latency', toxicity: -0.1 },
      { type: 'latency', toxicity: '1' },
      { type: 'bandwidth', attributes: [] },
    ])('refuses the bad toxic %j with 400 and adds nothing', async (body) => {
      const answer = await api('POST', '/proxies/p/toxics', body)
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({ status: 400, error: expect.stringMatching(/^bad request body/) })
      expect((await api('GET', '/proxies/p/toxics')).body).toEqual([])
    })

    it('refuses a toxic name used on either stream with 409', async () => {
      await api('POST', '/proxies/p/toxics', { name: 't', type: 'latency', stream: 'upstream' })
      expect(
        await api('POST', '/proxies/p/toxics', { name: 't', type: 'latency', stream: 'downstream' }),
      ).toEqual({
        status: 409,
        body: { error: 'toxic already exists', status: 409, code: 'TOXIC_ALREADY_EXISTS' },
      })
    })

    it('answers 404 when adding to an unknown proxy', async () => {
      expect(await api('POST', '/proxies/nope/toxics', { type: 'latency' })).toEqual({
        status: 404,
        body: { error: 'proxy not found', status: 404, code: 'PROXY_NOT_FOUND' },
      })
    })

    it('shows a toxic, or 404 "toxic not found"', async () => {
      const created = await api('POST', '/proxies/p/toxics', {
        type: 'limit_data',
        attributes: { bytes: 10 },
      })
      expect(await api('GET', '/proxies/p/toxics/limit_data_downstream')).toEqual({
        status: 200,
        body: created.body,
      })
      expect(await api('GET', '/proxies/p/toxics/nope')).toEqual({
        status: 404,
        body: { error: 'toxic not found', status: 404, code: 'TOXIC_NOT_FOUND' },
      })
    })

    it('updates attributes and toxicity as a partial merge', async () => {
      await api('POST', '/proxies/p/toxics', { type: 'latency', attributes: { latency: 100, jitter: 10 } })
      const answer = await api('POST', '/proxies/p/toxics/latency_downstream', { attributes: { jitter: 5 } })
      expect(answer.body).toMatchObject({ toxicity: 1, attributes: { latency: 100, jitter: 5 } })
      const patched = await api('PATCH', '/proxies/p/toxics/latency_downstream', { toxicity: 0.5 })
      expect(patched.body).toMatchObject({ toxicity: 0.5, attributes: { latency: 100, jitter: 5 } })
      expect((await api('POST', '/proxies/p/toxics/nope', { toxicity: 1 })).status).toBe(404)
      expect(
        (await api('POST', '/proxies/p/toxics/latency_downstream', { attributes: { latency: -5 } })).status,
      ).toBe(400)
      expect((await api('GET', '/proxies/p/toxics/latency_downstream')).body).toMatchObject({
        attributes: { latency: 100 },
      })
    })

    it('deletes a toxic with 204, then answers 404', async () => {
      await api('POST', '/proxies/p/toxics', { type: 'noop' })
      expect(await api('DELETE', '/proxies/p/toxics/noop_downstream')).toEqual({
        status: 204,
        body: undefined,
      })
      expect((await api('DELETE', '/proxies/p/toxics/noop_downstream')).status).toBe(404)
    })
  })

  describe('server', () => {
    it('resets: every proxy enabled, every toxic removed, 204', async () => {
      await create('a', { enabled: false })
      await create('b')
      await api('POST', '/proxies/b/toxics', { type: 'timeout' })
      expect(await api('POST', '/reset')).toEqual({ status: 204, body: undefined })
      const proxies = (await api('GET', '/proxies')).body as Record<
        string,
        { enabled: boolean; toxics: unknown[] }
      >
      expect(Object.values(proxies).map((proxy) => [proxy.enabled, proxy.toxics.length])).toEqual([
        [true, 0],
        [true, 0],
      ])
    })

    it('answers its version', async () => {
      expect(await api('GET', '/version')).toEqual({ status: 200, body: { version: expect.any(String) } })
    })

    it('serves byte counters in Prometheus text', async () => {
      const listen = ((await create('a')).body as { listen: string }).listen
      const socket = await openSocket(portOf(listen))
      await roundTrip(socket, 'hello')
      socket.destroy()
      const response = await fetch(`${server.url}/metrics`)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
      const text = await response.text()
      expect(text).toContain('# TYPE toxiproxy_proxy_received_bytes_total counter')
      expect(text).toContain(
        `toxiproxy_proxy_sent_bytes_total{direction="upstream",listener="${listen}",proxy="a",upstream="${echo.address}"} 5`,
      )
    })

    it('answers 404 to an unknown path and 405 to a wrong method', async () => {
      expect((await api('GET', '/nope')).status).toBe(404)
      expect(await api('PUT', '/proxies')).toEqual({
        status: 405,
        body: { error: 'method not allowed', status: 405, code: 'METHOD_NOT_ALLOWED' },
      })
      expect((await api('DELETE', '/reset')).status).toBe(405)
    })

    it('refuses a body over the size cap with 413 and keeps serving', async () => {
      const answer = await api(
        'POST',
        '/proxies',
        JSON.stringify({ name: 'a', upstream: 'x:1', pad: 'x'.repeat(2e6) }),
      )
      expect(answer.status).toBe(413)
      expect((await api('GET', '/proxies')).status).toBe(200)
    })

    it('survives garbage on the API socket', async () => {
      const socket = await openSocket(Number(new URL(server.url).port))
      socket.write('NOT HTTP AT ALL\r\n\r\n\u0000\u0001')
      await waitForClose(socket, 2000)
      socket.destroy()
      expect((await api('GET', '/version')).status).toBe(200)
    })
  })
})
