import { randomBytes } from 'node:crypto'
import { Toxiproxy, type Proxy, type ToxicType } from 'toxiproxy-node-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import { openSocket, portOf, startEchoServer, type TestServer } from './test-helpers.js'

describe('live toxic changes', () => {
  let server: ProxyServer
  let echo: TestServer
  let proxy: Proxy

  beforeEach(async () => {
    echo = await startEchoServer()
    server = await startProxyServer({ seed: 5 })
    proxy = await new Toxiproxy(server.url).createProxy({
      name: 'echo',
      listen: '127.0.0.1:0',
      upstream: echo.address,
    })
  })

  afterEach(async () => {
    await server.close()
    await echo.close()
  })

  it('keeps every byte in order while toxics come and go mid-stream', async () => {
    const payload = randomBytes(2 * 1024 * 1024)
    const socket = await openSocket(portOf(proxy.listen))
    const received: Buffer[] = []
    let receivedBytes = 0
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${receivedBytes} bytes came back`)), 20_000)
      socket.on('data', (data: Buffer) => {
        received.push(data)
        receivedBytes += data.length
        if (receivedBytes >= payload.length) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    let stop = false
    let rounds = 0
    const churn = (async () => {
      const kinds: Array<[ToxicType | 'noop', Record<string, number>]> = [
        ['latency', { latency: 5, jitter: 3 }],
        ['slicer', { average_size: 512, size_variation: 100, delay: 0 }],
        ['bandwidth', { rate: 20_000 }],
        ['noop', {}],
      ]
      for (let round = 0; !stop && round < 200; round++) {
        const [type, attributes] = kinds[round % kinds.length]!
        const stream = round % 2 === 0 ? 'upstream' : 'downstream'
        const toxic = await proxy.addToxic({
          name: `t${round}`,
          type: type as ToxicType,
          stream,
          toxicity: 1,
          attributes,
        })
        await new Promise((resolve) => setTimeout(resolve, 15))
        await toxic.remove()
        rounds += 1
      }
    })()
    // Paced, so that the stream is still flowing while many toxics come and go.
    for (let offset = 0; offset < payload.length; offset += 16 * 1024) {
      if (!socket.write(payload.subarray(offset, offset + 16 * 1024))) {
        await new Promise((resolve) => socket.once('drain', resolve))
      }
      await new Promise((resolve) => setTimeout(resolve, 8))
    }
    const roundsWhileFlowing = rounds
    await done
    stop = true
    await churn
    socket.destroy()
    expect(roundsWhileFlowing).toBeGreaterThanOrEqual(10)
    expect(Buffer.concat(received).equals(payload)).toBe(true)
  })
})
