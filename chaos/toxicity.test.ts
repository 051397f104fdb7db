import { Toxiproxy } from 'toxiproxy-node-client'
import { afterEach, describe, expect, it } from 'vitest'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import { openSocket, portOf, roundTrip, startEchoServer, type TestServer } from './test-helpers.js'

const connections = 10

/** Which of `connections` sequential non-HTTP connections (no journey) a toxicity-0.5 latency toxic hit, for a seed. */
async function hitPattern(seed: number, echo: TestServer, opened: ProxyServer[]): Promise<string> {
  const server = await startProxyServer({ seed })
  opened.push(server)
  const proxy = await new Toxiproxy(server.url).createProxy({
    name: 'echo',
    listen: '127.0.0.1:0',
    upstream: echo.address,
  })
  await proxy.addToxic({
    name: 'half',
    type: 'latency',
    stream: 'downstream',
    toxicity: 0.5,
    attributes: { latency: 250, jitter: 0 },
  })
  let pattern = ''
  for (let i = 0; i < connections; i++) {
    const socket = await openSocket(portOf(proxy.listen))
    try {
      const first = await roundTrip(socket)
      const second = await roundTrip(socket)
      // A connection's fate holds for every chunk while the chain is unchanged.
      expect(first >= 200).toBe(second >= 200)
      pattern += first >= 200 ? 'x' : '.'
    } finally {
      socket.destroy()
    }
  }
  return pattern
}

describe('toxicity', () => {
  const opened: ProxyServer[] = []
  let echo: TestServer | undefined

  afterEach(async () => {
    for (const server of opened.splice(0)) await server.close()
    await echo?.close()
  })

  it('draws a connection without a journey from the seed, so the same seed hits the same connections', async () => {
    echo = await startEchoServer()
    const first = await hitPattern(99, echo, opened)
    const again = await hitPattern(99, echo, opened)
    expect(again).toBe(first)
    expect(first).toMatch(/x/)
    expect(first).toMatch(/\./)
  })
})
