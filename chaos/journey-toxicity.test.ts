import { connect, type Socket } from 'node:net'
import { Toxiproxy, type Proxy } from 'toxiproxy-node-client'
import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../lib/clock.js'
import { formatJourneyBaggage, journeyKey, type JourneyContext } from '../lib/journey-context.js'
import { draw } from '../lib/random.js'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import { portOf, startHelloServer, type TestServer } from './test-helpers.js'

const journeys = Array.from({ length: 16 }, (_, i) => i + 1)
const step = (journey: number): JourneyContext => ({ journey, step: 'checkout', attempt: 1 })

/** The journeys `draw(seed, proxy, toxic, journeyKey) < toxicity` picks: what the proxy must hit. */
function expectedHits(seed: number, proxy: string, toxic: string, toxicity: number): number[] {
  return journeys.filter((journey) => draw(seed, proxy, toxic, journeyKey(step(journey))) < toxicity)
}

function openHttpSocket(port: number): Socket {
  const socket = connect({ host: '127.0.0.1', port })
  socket.on('error', () => undefined)
  return socket
}

/**
 * Sends one GET (with the journey's baggage when given) and waits for the chunked `hello` answer.
 * @returns the ms it took, or 'reset' when the connection closed first
 */
function get(socket: Socket, context?: JourneyContext, splitAt?: number): Promise<number | 'reset'> {
  const started = systemClock.monotonic()
  const baggage = context === undefined ? '' : `baggage: ${formatJourneyBaggage(context)}\r\n`
  return new Promise((resolve) => {
    let text = ''
    const onData = (data: Buffer): void => {
      text += data.toString('latin1')
      if (text.endsWith('hello\r\n0\r\n\r\n')) finish(systemClock.monotonic() - started)
    }
    const onClose = (): void => finish('reset')
    function finish(result: number | 'reset'): void {
      socket.off('data', onData)
      socket.off('close', onClose)
      resolve(result)
    }
    socket.on('data', onData)
    socket.once('close', onClose)
    const request = `GET / HTTP/1.1\r\nhost: psp\r\n${baggage}\r\n`
    if (splitAt === undefined) socket.write(request)
    else {
      // Two TCP segments: the proxy must wait for the head's end before deciding.
      socket.write(request.slice(0, splitAt))
      systemClock.setTimeout(() => socket.write(request.slice(splitAt)), 40)
    }
  })
}

describe('toxicity per journey, through real TCP connections', () => {
  const opened: ProxyServer[] = []
  const sockets: Socket[] = []
  let hello: TestServer | undefined

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy()
    for (const server of opened.splice(0)) await server.close()
    await hello?.close()
    hello = undefined
  })

  async function proxyWithSeed(seed: number): Promise<Proxy> {
    hello ??= await startHelloServer()
    const server = await startProxyServer({ seed })
    opened.push(server)
    return new Toxiproxy(server.url).createProxy({
      name: 'psp',
      listen: '127.0.0.1:0',
      upstream: hello.address,
    })
  }

  /** Sends each journey's request on its own connection, in `order` (all at once when `together`). */
  async function resetJourneys(proxy: Proxy, order: number[], together: boolean): Promise<number[]> {
    const reset: number[] = []
    const one = async (journey: number): Promise<void> => {
      const socket = openHttpSocket(portOf(proxy.listen))
      sockets.push(socket)
      if ((await get(socket, step(journey))) === 'reset') reset.push(journey)
    }
    if (together) await Promise.all(order.map(one))
    else for (const journey of order) await one(journey)
    return reset.sort((a, b) => a - b)
  }

  it('hits the same journeys for one seed whatever the connection order, and others for another seed', async () => {
    const upstreamReset = {
      type: 'reset_peer',
      stream: 'upstream',
      toxicity: 0.5,
      attributes: { timeout: 0 },
    } as const
    const first = await proxyWithSeed(21)
    await first.addToxic({ name: 'cut', ...upstreamReset })
    const inOrder = await resetJourneys(first, journeys, false)

    const again = await proxyWithSeed(21)
    await again.addToxic({ name: 'cut', ...upstreamReset })
    const reversedAndConcurrent = await resetJourneys(again, [...journeys].reverse(), true)

    const other = await proxyWithSeed(22)
    await other.addToxic({ name: 'cut', ...upstreamReset })
    const otherSeed = await resetJourneys(other, journeys, false)

    expect(inOrder).toEqual(expectedHits(21, 'psp', 'cut', 0.5))
    expect(reversedAndConcurrent).toEqual(inOrder)
    expect(otherSeed).toEqual(expectedHits(22, 'psp', 'cut', 0.5))
    expect(otherSeed).not.toEqual(inOrder)
    expect(inOrder.length).toBeGreaterThan(0)
    expect(inOrder.length).toBeLessThan(journeys.length)
  })

  it('holds an upstream toxic’s first bytes until a head split across segments is complete', async () => {
    const proxy = await proxyWithSeed(21)
    await proxy.addToxic({
      name: 'cut',
      type: 'reset_peer',
      stream: 'upstream',
      toxicity: 0.5,
      attributes: { timeout: 0 },
    })
    const results = await Promise.all(
      journeys.map(async (journey) => {
        const socket = openHttpSocket(portOf(proxy.listen))
        sockets.push(socket)
        // Split after `gameday.journey=1`: a decision made on the first segment would take journeys 10–16 for 1.
        return (await get(socket, step(journey), 52)) === 'reset' ? journey : undefined
      }),
    )
    expect(results.filter((journey) => journey !== undefined)).toEqual(expectedHits(21, 'psp', 'cut', 0.5))
  })

  it('leaves toxicity 1 and 0 as they were: every connection, none', async () => {
    const proxy = await proxyWithSeed(21)
    await proxy.addToxic({
      name: 'cut',
      type: 'reset_peer',
      stream: 'upstream',
      toxicity: 1,
      attributes: { timeout: 0 },
    })
    expect(await resetJourneys(proxy, journeys.slice(0, 6), true)).toEqual(journeys.slice(0, 6))
    await (await proxy.getToxic('cut')).remove()
    await proxy.addToxic({
      name: 'cut',
      type: 'reset_peer',
      stream: 'upstream',
      toxicity: 0,
      attributes: { timeout: 0 },
    })
    expect(await resetJourneys(proxy, journeys.slice(0, 6), true)).toEqual([])
  })

  it('decides a toxic added to open connections from the journey of their first request', async () => {
    const proxy = await proxyWithSeed(5)
    const open = journeys.slice(0, 10).map((journey) => {
      const socket = openHttpSocket(portOf(proxy.listen))
      sockets.push(socket)
      return { journey, socket }
    })
    for (const { journey, socket } of open) expect(await get(socket, step(journey))).not.toBe('reset')
    await proxy.addToxic({
      name: 'slow',
      type: 'latency',
      stream: 'downstream',
      toxicity: 0.5,
      attributes: { latency: 400, jitter: 0 },
    })
    // The second request carries no baggage: the connection's remembered journey decides.
    const times = await Promise.all(open.map(({ socket }) => get(socket)))
    const slow = open.filter((_, i) => {
      const time = times[i]
      return typeof time === 'number' && time >= 300
    })
    expect(times).not.toContain('reset')
    expect(slow.map(({ journey }) => journey)).toEqual(
      expectedHits(5, 'psp', 'slow', 0.5).filter((journey) => journey <= 10),
    )
  })
})
