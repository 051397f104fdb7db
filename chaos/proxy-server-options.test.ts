import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../lib/clock.js'
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

describe('startProxyServer options', () => {
  let server: ProxyServer | undefined
  let echo: TestServer | undefined

  afterEach(async () => {
    await server?.close()
    await echo?.close()
    server = undefined
  })

  it('creates the configured proxies before answering, and frees their ports on close', async () => {
    echo = await startEchoServer()
    server = await startProxyServer({ proxies: [{ name: 'psp', upstream: echo.address }] })
    const proxy = (await callApi(server.url, 'GET', '/proxies/psp')).body as {
      listen: string
      enabled: boolean
    }
    expect(proxy.enabled).toBe(true)
    await server.close()
    await server.close()
    await expect(openSocket(portOf(proxy.listen))).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    await expect(fetch(`${server.url}/version`)).rejects.toThrow()
  })

  it('refuses an invalid configuration with Toxiproxy’s message and leaves nothing listening', async () => {
    await expect(startProxyServer({ proxies: [{ name: '', upstream: 'x:1' }] })).rejects.toMatchObject({
      status: 400,
      message: 'missing required field: name at proxy 1',
    })
  })

  it('answers 404 on /metrics when metrics are off', async () => {
    server = await startProxyServer({ metrics: false })
    expect((await callApi(server.url, 'GET', '/metrics')).status).toBe(404)
  })

  it('times toxics by the clock it is given', async () => {
    echo = await startEchoServer()
    const clock = manualClock()
    server = await startProxyServer({ clock, proxies: [{ name: 'psp', upstream: echo.address }] })
    const { listen } = (await callApi(server.url, 'GET', '/proxies/psp')).body as { listen: string }
    const add = (body: unknown) => callApi(server!.url, 'POST', '/proxies/psp/toxics', body)
    await add({ type: 'latency', attributes: { latency: 60_000 } })
    const socket = await openSocket(portOf(listen))
    try {
      let echoed = false
      const trip = roundTrip(socket, 'ping', 3000).then(() => (echoed = true))
      await new Promise((resolve) => setTimeout(resolve, 150))
      expect(echoed).toBe(false)
      clock.advance(60_000)
      await trip
      await add({ type: 'timeout', name: 'idle', attributes: { timeout: 120_000 } })
      const closed = waitForClose(socket, 3000)
      clock.advance(120_000)
      expect(await closed).toBe('end')
    } finally {
      socket.destroy()
    }
  })
})
