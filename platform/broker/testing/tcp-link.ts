import { createServer, connect, type Server, type Socket } from 'node:net'

/** A TCP forwarder a test puts between a client and a broker, to cut or stall the link and heal it. */
export interface TcpLink {
  /** The port clients connect to. */
  readonly port: number
  /** Drops every connection and refuses new ones, like a link going down. */
  cut(): Promise<void>
  /** Keeps connections open but passes no bytes either way (new ones too), like Toxiproxy's `timeout` toxic with 0. */
  stall(): Promise<void>
  /** Back to normal: listening again after a cut, bytes flowing again after a stall. */
  heal(): Promise<void>
  /** Stops for good; idempotent. */
  close(): Promise<void>
}

interface Pair {
  client: Socket
  upstream: Socket
}

/**
 * A minimal fault proxy for the broker tests: forwards 127.0.0.1:<port> to `target` and can cut,
 * stall and heal. The chaos/ proxy does far more; this keeps the broker's tests free of it.
 * @example const link = await startTcpLink({ host: '127.0.0.1', port: 4222 }); await link.cut()
 */
export async function startTcpLink(target: { host: string; port: number }): Promise<TcpLink> {
  const pairs = new Set<Pair>()
  let server: Server | undefined
  let port = 0
  let closed = false
  let stalled = false

  const flow = (pair: Pair) => {
    pair.client.pipe(pair.upstream)
    pair.upstream.pipe(pair.client)
  }
  const hold = (pair: Pair) => {
    pair.client.unpipe(pair.upstream)
    pair.upstream.unpipe(pair.client)
    pair.client.pause()
    pair.upstream.pause()
  }

  const listen = async () => {
    const next = createServer((client) => {
      const pair: Pair = { client, upstream: connect(target.port, target.host) }
      pairs.add(pair)
      const drop = () => {
        pair.client.destroy()
        pair.upstream.destroy()
        pairs.delete(pair)
      }
      pair.client.on('error', drop).on('close', drop)
      pair.upstream.on('error', drop).on('close', drop)
      if (stalled) hold(pair)
      else flow(pair)
    })
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject)
      next.listen(port, '127.0.0.1', () => resolve())
    })
    const address = next.address()
    port = typeof address === 'object' && address ? address.port : port
    server = next
  }

  const stop = async () => {
    const current = server
    server = undefined
    for (const pair of pairs) {
      pair.client.destroy()
      pair.upstream.destroy()
    }
    pairs.clear()
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()))
  }

  await listen()
  return {
    get port() {
      return port
    },
    cut: stop,
    stall: async () => {
      stalled = true
      for (const pair of pairs) hold(pair)
    },
    heal: async () => {
      if (stalled) {
        stalled = false
        for (const pair of pairs) flow(pair)
      }
      if (!closed && !server) await listen()
    },
    close: async () => {
      closed = true
      await stop()
    },
  }
}
