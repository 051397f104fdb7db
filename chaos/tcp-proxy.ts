import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import type { Clock } from '../lib/clock.js'
import { ApiError } from './api-error.js'
import { formatAddress, parseHostPort, sameAddress } from './listen-address.js'
import { LiveToxic } from './live-toxic.js'
import { ProxyConnection } from './proxy-connection.js'
import type { LinkCounters } from './toxic-link.js'
import type { StreamDirection, ToxicJson } from './toxic-spec.js'

/** A proxy as the API shows it. */
export interface ProxyJson {
  name: string
  listen: string
  upstream: string
  enabled: boolean
  toxics: ToxicJson[]
}

/** Settings every proxy of one server shares. */
export interface ProxyEnvironment {
  /** Seed of every toxicity, jitter and slicer draw. */
  seed: number
  /** Time for toxics' delays and timers. */
  clock: Clock
}

/**
 * One named proxy: a listener on `listen` forwarding each connection to `upstream` through the
 * toxics of each stream. Stopping it (disable, delete) closes the listener and every connection.
 */
export class TcpProxy {
  readonly name: string
  listen: string
  upstream: string
  enabled = false
  readonly counters: Record<StreamDirection, LinkCounters> = {
    upstream: { receivedBytes: 0, sentBytes: 0 },
    downstream: { receivedBytes: 0, sentBytes: 0 },
  }
  private toxics: LiveToxic[] = []
  private chains: Record<StreamDirection, readonly LiveToxic[]> = { upstream: [], downstream: [] }
  private server: Server | undefined
  private readonly connections = new Set<ProxyConnection>()
  private accepted = 0

  constructor(
    input: { name: string; listen: string; upstream: string },
    private readonly env: ProxyEnvironment,
  ) {
    this.name = input.name
    this.listen = input.listen
    this.upstream = input.upstream
  }

  /** Starts listening; the bound address replaces `listen`. Throws a 500 ApiError when it cannot listen. */
  async start(): Promise<void> {
    if (this.enabled) return
    this.adopt(await this.bind(this.listen))
  }

  /**
   * Applies a partial update (POST /proxies/{name}). A new listen address is bound before the old
   * listener closes, so an address in use answers 500 and leaves the proxy serving as it was.
   */
  async reconfigure(next: { listen: string; upstream: string; enabled: boolean }): Promise<void> {
    const newListen = !sameAddress(next.listen, this.listen)
    if (!newListen && next.upstream === this.upstream) {
      if (next.enabled) await this.start()
      else await this.stop()
      return
    }
    if (!next.enabled) {
      await this.stop()
      this.listen = next.listen
      this.upstream = next.upstream
      return
    }
    // Same address: the old listener must close first to free it (Toxiproxy restarts the same way).
    const server = newListen ? await this.bind(next.listen) : undefined
    await this.stop()
    this.upstream = next.upstream
    this.adopt(server ?? (await this.bind(next.listen)))
  }

  private async bind(listen: string): Promise<Server> {
    const address = parseHostPort(listen)
    if (address === undefined) {
      throw new ApiError('LISTEN_FAILED', `listen tcp ${listen}: address ${listen}: missing port in address`)
    }
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket) =>
      this.accept(socket),
    )
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(new ApiError('LISTEN_FAILED', `listen tcp ${listen}: ${error.code ?? error.message}`))
      })
      server.listen({ host: address.host, port: address.port, exclusive: true }, () => resolve())
    })
    server.on('error', () => undefined)
    return server
  }

  private adopt(server: Server): void {
    this.server = server
    this.listen = formatAddress(server.address() as AddressInfo)
    this.enabled = true
  }

  /** Stops listening and closes every open connection. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    this.enabled = false
    for (const connection of this.connections) connection.destroy()
    this.connections.clear()
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Connections open right now (accepted, not yet closed on both sides). */
  get openConnections(): number {
    return this.connections.size
  }

  /** The toxics in the order they were added. */
  toxicList(): readonly LiveToxic[] {
    return this.toxics
  }

  findToxic(name: string): LiveToxic | undefined {
    return this.toxics.find((toxic) => toxic.name === name)
  }

  /** Adds a toxic; it applies to open connections from their next chunk on. */
  addToxic(json: ToxicJson): LiveToxic {
    const toxic = new LiveToxic(json)
    this.toxics = [...this.toxics, toxic]
    this.publish(toxic.stream)
    return toxic
  }

  /** Applies an update in place; every open link of its stream draws toxicity again. */
  updateToxic(toxic: LiveToxic, update: Pick<ToxicJson, 'toxicity' | 'attributes'>): void {
    toxic.toxicity = update.toxicity
    toxic.attributes = { ...update.attributes }
    toxic.revision += 1
    this.publish(toxic.stream)
  }

  removeToxic(toxic: LiveToxic): void {
    toxic.removed = true
    this.toxics = this.toxics.filter((other) => other !== toxic)
    this.publish(toxic.stream)
  }

  removeAllToxics(): void {
    const removed = this.toxics
    for (const toxic of removed) toxic.removed = true
    this.toxics = []
    this.publish('upstream')
    this.publish('downstream')
  }

  toJSON(): ProxyJson {
    return {
      name: this.name,
      listen: this.listen,
      upstream: this.upstream,
      enabled: this.enabled,
      toxics: this.toxics.map((toxic) => toxic.toJSON()),
    }
  }

  private publish(stream: StreamDirection): void {
    const chain = this.toxics.filter((toxic) => toxic.stream === stream)
    this.chains[stream] = chain
    for (const connection of this.connections) connection.setChain(stream, chain)
  }

  private accept(socket: Socket): void {
    const upstream = parseHostPort(this.upstream)
    if (upstream === undefined || !this.enabled) {
      socket.destroy()
      return
    }
    this.accepted += 1
    const connection = new ProxyConnection(socket, {
      upstreamHost: upstream.host,
      upstreamPort: upstream.port,
      seed: this.env.seed,
      proxyName: this.name,
      connectionNumber: this.accepted,
      clock: this.env.clock,
      chain: (stream) => this.chains[stream],
      counters: (stream) => this.counters[stream],
      onClosed: (closed) => this.connections.delete(closed),
    })
    this.connections.add(connection)
  }
}
