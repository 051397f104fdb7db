import { Toxiproxy } from 'toxiproxy-node-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import { openSocket, roundTrip, startEchoServer, waitForClose, type TestServer } from './test-helpers.js'

describe('startProxyServer', () => {
  let server: ProxyServer
  let echo: TestServer
  let toxiproxy: Toxiproxy

  beforeEach(async () => {
    echo = await startEchoServer()
    server = await startProxyServer({ seed: 1 })
    toxiproxy = new Toxiproxy(server.url)
  })

  afterEach(async () => {
    await server.close()
    await echo.close()
  })

  it('creates a proxy on the real bound port and forwards bytes', async () => {
    const proxy = await toxiproxy.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: echo.address })
    expect(proxy.listen).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(proxy.listen).not.toBe('127.0.0.1:0')
    const port = Number(proxy.listen.split(':')[1])
    const socket = await openSocket(port)
    try {
      expect(await roundTrip(socket)).toBeLessThan(1000)
    } finally {
      socket.destroy()
    }
    const again = await toxiproxy.get('echo')
    expect(again.toJson()).toMatchObject({
      name: 'echo',
      listen: proxy.listen,
      upstream: echo.address,
      enabled: true,
    })
  })

  it('adds about 200 ms with a latency toxic on an open connection and restores when it is removed', async () => {
    const proxy = await toxiproxy.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: echo.address })
    const socket = await openSocket(Number(proxy.listen.split(':')[1]))
    try {
      await roundTrip(socket)
      const toxic = await proxy.addToxic({
        name: 'slow',
        type: 'latency',
        stream: 'downstream',
        toxicity: 1,
        attributes: { latency: 200, jitter: 0 },
      })
      const slowed = await roundTrip(socket)
      expect(slowed).toBeGreaterThanOrEqual(180)
      expect(slowed).toBeLessThan(600)
      await toxic.remove()
      // The fastest of three, so one stall on a busy machine does not fail the check.
      const restored = Math.min(await roundTrip(socket), await roundTrip(socket), await roundTrip(socket))
      expect(restored).toBeLessThan(150)
    } finally {
      socket.destroy()
    }
  })

  it('answers version and reset, and reset removes every toxic', async () => {
    expect(JSON.parse(await toxiproxy.getVersion())).toHaveProperty('version')
    const proxy = await toxiproxy.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: echo.address })
    await proxy.addToxic({
      name: 'x',
      type: 'latency',
      stream: 'upstream',
      toxicity: 1,
      attributes: { latency: 1, jitter: 0 },
    })
    await toxiproxy.reset()
    const response = await fetch(`${server.url}/proxies/echo/toxics`)
    expect(await response.json()).toEqual([])
  })

  it('closes every live connection on close()', async () => {
    const proxy = await toxiproxy.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: echo.address })
    const socket = await openSocket(Number(proxy.listen.split(':')[1]))
    await roundTrip(socket)
    const closed = waitForClose(socket, 3000)
    await server.close()
    expect(await closed).not.toBe('timeout')
  })
})
