import { Toxiproxy, ToxiproxyError } from 'toxiproxy-node-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import {
  openSocket,
  portOf,
  roundTrip,
  startEchoServer,
  waitForClose,
  type TestServer,
} from './test-helpers.js'

describe('toxiproxy-node-client against the embedded server', () => {
  let server: ProxyServer
  let echo: TestServer
  let client: Toxiproxy

  beforeEach(async () => {
    echo = await startEchoServer()
    server = await startProxyServer()
    client = new Toxiproxy(server.url)
  })

  afterEach(async () => {
    await server.close()
    await echo.close()
  })

  it('populates, lists and gets proxies', async () => {
    const populated = await client.populate([
      { name: 'a', listen: '127.0.0.1:0', upstream: echo.address },
      { name: 'b', listen: '127.0.0.1:0', upstream: echo.address },
    ])
    expect(Object.keys(populated)).toEqual(['a', 'b'])
    expect(Object.keys(await client.getAll())).toEqual(['a', 'b'])
    expect((await client.get('b')).upstream).toBe(echo.address)
  })

  it('updates a proxy, and gets and updates a toxic', async () => {
    const proxy = await client.createProxy({ name: 'a', listen: '127.0.0.1:0', upstream: echo.address })
    const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream })
    expect(disabled.enabled).toBe(false)
    const enabled = await disabled.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream })
    expect(enabled.enabled).toBe(true)
    await enabled.addToxic({
      name: 'lat',
      type: 'latency',
      stream: 'upstream',
      toxicity: 1,
      attributes: { latency: 10, jitter: 0 },
    })
    const toxic = await enabled.getToxic<{ latency: number; jitter: number }>('lat')
    expect(toxic.toJson()).toEqual({
      name: 'lat',
      type: 'latency',
      stream: 'upstream',
      toxicity: 1,
      attributes: { latency: 10, jitter: 0 },
    })
    const updated = await toxic.update({ ...toxic.toJson(), attributes: { latency: 20, jitter: 1 } })
    expect(updated.attributes).toEqual({ latency: 20, jitter: 1 })
    await updated.remove()
    await enabled.remove()
    expect(await client.getAll()).toEqual({})
  })

  it('turns every error answer into a ToxiproxyError', async () => {
    await expect(client.get('missing')).rejects.toBeInstanceOf(ToxiproxyError)
    await client.createProxy({ name: 'a', listen: '127.0.0.1:0', upstream: echo.address })
    await expect(
      client.createProxy({ name: 'a', listen: '127.0.0.1:0', upstream: echo.address }),
    ).rejects.toThrow(/409/)
  })

  it('closes the client when the upstream cannot be dialled, and keeps serving', async () => {
    const dead = await startEchoServer()
    const deadAddress = dead.address
    await dead.close()
    const proxy = await client.createProxy({ name: 'dead', listen: '127.0.0.1:0', upstream: deadAddress })
    const socket = await openSocket(portOf(proxy.listen))
    expect(await waitForClose(socket, 3000)).not.toBe('timeout')
    const alive = await client.createProxy({ name: 'alive', listen: '127.0.0.1:0', upstream: echo.address })
    const other = await openSocket(portOf(alive.listen))
    expect(await roundTrip(other)).toBeLessThan(1000)
    other.destroy()
  })

  it('refuses browsers, as Toxiproxy does', async () => {
    const response = await fetch(`${server.url}/proxies`, { headers: { 'user-agent': 'Mozilla/5.0' } })
    expect(response.status).toBe(403)
  })
})
