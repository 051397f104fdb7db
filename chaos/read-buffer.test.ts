import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { Toxiproxy } from 'toxiproxy-node-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import { openSocket, portOf } from './test-helpers.js'

/** Writes `payload` in small pieces, one per turn of the event loop, so the proxy reads small chunks. */
async function trickle(socket: Socket, payload: Buffer): Promise<void> {
  for (let offset = 0; offset < payload.length && !socket.destroyed; offset += 1024) {
    if (!socket.write(payload.subarray(offset, offset + 1024))) await once(socket, 'drain')
    else await new Promise((resolve) => setImmediate(resolve))
  }
  socket.end()
}

// The upstream socket reads into a buffer it reuses (ReadBuffer). A small chunk written to a client
// that does not keep up stays pending without pausing the reads (it is under the high-water mark),
// so the next read must land in another buffer.
describe('reads into a reused buffer', () => {
  const payload = randomBytes(4 * 1024 * 1024)
  let upstream: Server
  let server: ProxyServer

  beforeEach(async () => {
    upstream = createServer((socket) => {
      socket.on('error', () => undefined)
      void trickle(socket, payload)
    })
    upstream.listen(0, '127.0.0.1')
    await once(upstream, 'listening')
    server = await startProxyServer()
  })

  afterEach(async () => {
    await server.close()
    await new Promise((resolve) => upstream.close(resolve))
  })

  it('delivers every byte to a client that reads slowly, with and without a toxic', async () => {
    const { port } = upstream.address() as AddressInfo
    const proxy = await new Toxiproxy(server.url).createProxy({
      name: 'bulk',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${port}`,
    })
    for (const toxic of [false, true]) {
      if (toxic) {
        await proxy.addToxic({
          name: 'lag',
          type: 'latency',
          stream: 'downstream',
          toxicity: 1,
          attributes: { latency: 1 },
        })
      }
      const socket = await openSocket(portOf(proxy.listen))
      // Not reading at first: the kernel buffers fill up and the proxy's writes stay pending.
      socket.pause()
      await new Promise((resolve) => setTimeout(resolve, 300))
      const received: Buffer[] = []
      socket.on('data', (data: Buffer) => {
        received.push(data)
        // Stalls now and then, so writes go pending again mid-stream.
        if (received.length % 64 === 0) {
          socket.pause()
          setTimeout(() => socket.resume(), 5)
        }
      })
      socket.resume()
      await Promise.race([
        once(socket, 'end'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no end within 20 s')), 20_000)),
      ])
      socket.destroy()
      expect(Buffer.concat(received).equals(payload)).toBe(true)
    }
  })
})
