import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { systemClock, type Clock } from '../lib/clock.js'
import { createControlApi } from './control-api.js'
import { ProxyCollection, type ProxyConfig } from './proxy-collection.js'
import { toxiproxyApiVersion } from './version.js'

/** Options of {@link startProxyServer}. */
export interface ProxyServerOptions {
  /** Control API host; @default '127.0.0.1' */
  host?: string
  /** Control API port; 0 = any free port; @default 0 */
  port?: number
  /**
   * Seed of every toxicity and jitter draw, so a game day replays: a toxic with toxicity below 1
   * hits the same journeys (by their `baggage`) for the same seed; @default 0
   */
  seed?: number
  /** Proxies created before the server answers (like `toxiproxy-server -config`). */
  proxies?: ProxyConfig[]
  /** Serve GET /metrics; @default true */
  metrics?: boolean
  /** Largest accepted API request body in bytes; @default 1 MiB */
  maxBodyBytes?: number
  /** Time for toxics' delays and timers (its `monotonic()` and `setTimeout`); @default systemClock */
  clock?: Clock
}

/** A running server. */
export interface ProxyServer {
  /** Base URL of the control API, `http://127.0.0.1:PORT`. */
  url: string
  port: number
  /** Closes the API, every proxy listener and every live connection. */
  close(): Promise<void>
}

/**
 * Starts the embedded Toxiproxy-compatible server: the control HTTP API plus its TCP proxies.
 * @throws ApiError when a configured proxy cannot start; Error (code EADDRINUSE…) when the API cannot listen
 * @example
 * const server = await startProxyServer({ seed: 42 })
 * const toxiproxy = new Toxiproxy(server.url)
 */
export async function startProxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
  const collection = new ProxyCollection({
    seed: options.seed ?? 0,
    clock: options.clock ?? systemClock,
  })
  if (options.proxies !== undefined && options.proxies.length > 0) {
    const { error } = await collection.populate(options.proxies)
    if (error !== undefined) {
      await collection.closeAll()
      throw error
    }
  }
  const api = createControlApi(collection, {
    version: toxiproxyApiVersion,
    metrics: options.metrics ?? true,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
  })
  const server = createServer(api)
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, exclusive: true }, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    await collection.closeAll()
    throw error
  }
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const urlHost = address.address === '0.0.0.0' ? '127.0.0.1' : host
  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        for (const socket of sockets) socket.destroy()
        await collection.closeAll()
        await stopped
      })()
      return closing
    },
  }
}
