import type { Socket } from 'node:net'
import { Toxiproxy, type Proxy, type ToxicType } from 'toxiproxy-node-client'
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

/** Collects what a socket receives: bytes, chunk count, and how it ended. */
function collect(socket: Socket): { bytes: () => Buffer; chunks: () => number; ended: Promise<string> } {
  const parts: Buffer[] = []
  socket.on('data', (data: Buffer) => parts.push(data))
  return { bytes: () => Buffer.concat(parts), chunks: () => parts.length, ended: waitForClose(socket, 5000) }
}

describe('toxics on real sockets', () => {
  let server: ProxyServer
  let echo: TestServer
  let proxy: Proxy
  const sockets: Socket[] = []

  const add = (
    type: ToxicType | 'noop',
    attributes: Record<string, number>,
    extra: Record<string, unknown> = {},
  ) =>
    proxy.addToxic({
      name: `${type}_${String(extra.stream ?? 'downstream')}`,
      type: type as ToxicType,
      stream: 'downstream',
      toxicity: 1,
      attributes,
      ...extra,
    })
  const open = async (): Promise<Socket> => {
    const socket = await openSocket(portOf(proxy.listen))
    sockets.push(socket)
    return socket
  }

  beforeEach(async () => {
    echo = await startEchoServer()
    server = await startProxyServer({ seed: 11 })
    proxy = await new Toxiproxy(server.url).createProxy({
      name: 'echo',
      listen: '127.0.0.1:0',
      upstream: echo.address,
    })
  })

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy()
    await server.close()
    await echo.close()
  })

  it('latency delays each downstream chunk by about latency ms', async () => {
    await add('latency', { latency: 200, jitter: 0 })
    const socket = await open()
    for (let i = 0; i < 2; i++) {
      const ms = await roundTrip(socket)
      expect(ms).toBeGreaterThanOrEqual(180)
      expect(ms).toBeLessThan(600)
    }
  })

  it('latency on the upstream stream delays client-to-server bytes', async () => {
    await add('latency', { latency: 200, jitter: 50 }, { stream: 'upstream' })
    const ms = await roundTrip(await open())
    expect(ms).toBeGreaterThanOrEqual(140)
    expect(ms).toBeLessThan(600)
  })

  it('latency does not pile up across pipelined chunks', async () => {
    await add('latency', { latency: 200, jitter: 0 })
    const socket = await open()
    const received = collect(socket)
    const started = performance.now()
    for (let i = 0; i < 5; i++) {
      socket.write('x')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    while (received.bytes().length < 5 && performance.now() - started < 3000) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(received.bytes().toString()).toBe('xxxxx')
    expect(performance.now() - started).toBeLessThan(700)
  })

  it('releases a delayed chunk at once when the latency toxic is removed', async () => {
    const toxic = await add('latency', { latency: 5000, jitter: 0 })
    const socket = await open()
    const pending = roundTrip(socket, 'ping', 4000)
    await new Promise((resolve) => setTimeout(resolve, 100))
    await toxic.remove()
    expect(await pending).toBeLessThan(1500)
  })

  it('applies an update to open connections', async () => {
    const toxic = await add('latency', { latency: 0, jitter: 0 }, { stream: 'upstream' })
    const socket = await open()
    expect(await roundTrip(socket)).toBeLessThan(150)
    await toxic.update({ ...toxic.toJson(), attributes: { latency: 250, jitter: 0 } })
    const ms = await roundTrip(socket)
    expect(ms).toBeGreaterThanOrEqual(220)
    expect(ms).toBeLessThan(700)
  })

  it('bandwidth limits throughput to rate KB/s', async () => {
    await add('bandwidth', { rate: 100 })
    const ms = await roundTrip(await open(), 'x'.repeat(50_000), 5000)
    expect(ms).toBeGreaterThanOrEqual(400)
    expect(ms).toBeLessThan(2000)
  })

  it('slow_close holds the close back by delay ms', async () => {
    await add('slow_close', { delay: 400 })
    const socket = await open()
    await roundTrip(socket)
    const started = performance.now()
    const ended = waitForClose(socket, 3000)
    socket.end()
    expect(await ended).toBe('end')
    expect(performance.now() - started).toBeGreaterThanOrEqual(350)
  })

  it('timeout drops data and closes after timeout ms without data', async () => {
    await add('timeout', { timeout: 300 })
    const socket = await open()
    const received = collect(socket)
    const started = performance.now()
    socket.write('ping')
    expect(await received.ended).toBe('end')
    expect(performance.now() - started).toBeGreaterThanOrEqual(250)
    expect(received.bytes().length).toBe(0)
  })

  it('timeout 0 hangs until removed, and removing it closes the connection', async () => {
    const toxic = await add('timeout', { timeout: 0 })
    const socket = await open()
    const received = collect(socket)
    socket.write('ping')
    const early = await Promise.race([
      received.ended,
      new Promise((resolve) => setTimeout(() => resolve('open'), 500)),
    ])
    expect(early).toBe('open')
    await toxic.remove()
    expect(await received.ended).toBe('end')
    expect(received.bytes().length).toBe(0)
  })

  it.each(['downstream', 'upstream'])(
    'reset_peer on %s resets the connection with ECONNRESET',
    async (stream) => {
      await add('reset_peer', { timeout: 0 }, { stream })
      const socket = await open()
      const ended = waitForClose(socket, 3000)
      socket.write('ping')
      expect(await ended).toBe('ECONNRESET')
    },
  )

  it('reset_peer waits timeout ms before the reset', async () => {
    await add('reset_peer', { timeout: 300 })
    const socket = await open()
    const started = performance.now()
    const ended = waitForClose(socket, 3000)
    socket.write('ping')
    expect(await ended).toBe('ECONNRESET')
    expect(performance.now() - started).toBeGreaterThanOrEqual(250)
  })

  it('slicer splits data into small pieces and keeps every byte in order', async () => {
    await add('slicer', { average_size: 10, size_variation: 3, delay: 2000 })
    const socket = await open()
    const received = collect(socket)
    const payload = Array.from({ length: 200 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('')
    await roundTrip(socket, payload, 5000)
    expect(received.bytes().toString()).toBe(payload)
    expect(received.chunks()).toBeGreaterThanOrEqual(8)
  })

  it('limit_data forwards bytes bytes, then closes', async () => {
    await add('limit_data', { bytes: 10 })
    const socket = await open()
    const received = collect(socket)
    socket.write('x'.repeat(100))
    expect(await received.ended).toBe('end')
    expect(received.bytes().length).toBe(10)
  })

  it('noop and a toxic with toxicity 0 change nothing', async () => {
    await add('noop', {})
    await add('latency', { latency: 1000 }, { toxicity: 0 })
    expect(await roundTrip(await open())).toBeLessThan(500)
  })

  it('reset_peer whose toxicity draw missed leaves connections alone (unlike Toxiproxy)', async () => {
    await add('reset_peer', { timeout: 0 }, { toxicity: 0 })
    const socket = await open()
    expect(await roundTrip(socket)).toBeLessThan(1000)
    const ended = waitForClose(socket, 3000)
    socket.end()
    expect(await ended).toBe('end')
  })

  it('keeps serving other connections while one is reset', async () => {
    const healthy = await open()
    await roundTrip(healthy)
    const toxic = await add('reset_peer', { timeout: 0 }, { stream: 'upstream' })
    const victim = await open()
    const ended = waitForClose(victim, 3000)
    victim.write('ping')
    expect(await ended).toBe('ECONNRESET')
    await toxic.remove()
    expect(await roundTrip(healthy)).toBeLessThan(1000)
    expect(await roundTrip(await open())).toBeLessThan(1000)
  })
})
