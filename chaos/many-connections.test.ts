import type { Socket } from 'node:net'
import { Toxiproxy } from 'toxiproxy-node-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import { openSocket, portOf, roundTrip, startEchoServer, type TestServer } from './test-helpers.js'

const count = 500

async function openConnections(server: ProxyServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  return Number(/gameday_proxy_open_connections\{proxy="echo"\} (\d+)/.exec(text)?.[1])
}

describe('many connections', () => {
  let server: ProxyServer
  let echo: TestServer
  const sockets: Socket[] = []

  beforeEach(async () => {
    echo = await startEchoServer()
    server = await startProxyServer()
  })

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy()
    await server.close()
    await echo.close()
  })

  it(`holds ${count} concurrent connections without errors and forgets them once closed`, async () => {
    const proxy = await new Toxiproxy(server.url).createProxy({
      name: 'echo',
      listen: '127.0.0.1:0',
      upstream: echo.address,
    })
    const port = portOf(proxy.listen)
    for (let i = 0; i < count; i += 50) {
      sockets.push(...(await Promise.all(Array.from({ length: 50 }, () => openSocket(port)))))
    }
    const results = await Promise.allSettled(
      sockets.map((socket, i) => roundTrip(socket, `hello ${i}`, 10_000)),
    )
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(0)
    expect(await openConnections(server)).toBe(count)
    for (const socket of sockets.splice(0)) socket.end()
    const started = Date.now()
    while ((await openConnections(server)) > 0 && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(await openConnections(server)).toBe(0)
  })
})
