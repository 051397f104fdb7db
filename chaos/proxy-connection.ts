import { connect, type Socket } from 'node:net'
import type { Clock } from '../lib/clock.js'
import { createRandom, deriveSeed, type Random } from '../lib/random.js'
import { JourneySniffer } from './journey-sniffer.js'
import type { LiveToxic } from './live-toxic.js'
import { ReadBuffer } from './read-buffer.js'
import type { StreamDirection } from './toxic-spec.js'
import { createToxicityDecider } from './toxicity-decider.js'
import { ToxicLink, type LinkCounters } from './toxic-link.js'

/** What a connection needs from its proxy. */
export interface ConnectionHost {
  upstreamHost: string
  upstreamPort: number
  /** The server's seed: journey-keyed toxicity draws use it as is. */
  seed: number
  proxyName: string
  /** 1 for the proxy's first accepted connection, …: seeds the per-connection streams. */
  connectionNumber: number
  clock: Clock
  chain(stream: StreamDirection): readonly LiveToxic[]
  counters(stream: StreamDirection): LinkCounters
  onClosed(connection: ProxyConnection): void
}

/**
 * One accepted client connection and its upstream connection, joined by two links:
 * upstream (client→server) and downstream (server→client). Dials the upstream at once; a failed
 * dial closes the client.
 */
export class ProxyConnection {
  private upstreamLink: ToxicLink | undefined
  private downstreamLink: ToxicLink | undefined
  private readonly server: Socket
  /**
   * The upstream socket reads into this (see ReadBuffer). The client socket emits 'data': net.Server
   * takes no `onread` for the sockets it accepts, and rewrapping their handle means Node internals.
   */
  private readonly serverReads = new ReadBuffer()
  /** The journey of the first request, which decides this connection's toxicity draws. */
  private readonly journey = new JourneySniffer(() => {
    this.upstreamLink?.redecide()
    this.downstreamLink?.redecide()
  })
  private open = 2

  constructor(
    private readonly client: Socket,
    private readonly host: ConnectionHost,
  ) {
    client.setNoDelay(true)
    client.on('error', () => undefined)
    this.server = connect({
      host: host.upstreamHost,
      port: host.upstreamPort,
      allowHalfOpen: true,
      noDelay: true,
      onread: this.serverReads.onread,
    })
    this.server.on('error', () => undefined)
    this.server.once('connect', () => this.join())
    this.server.once('close', () => {
      if (this.upstreamLink === undefined) client.destroy()
      this.closedOne()
    })
    client.once('close', () => {
      if (this.upstreamLink === undefined) this.server.destroy()
      this.closedOne()
    })
  }

  /** Installs a stream's new chain on the open link (live toxics). */
  setChain(stream: StreamDirection, chain: readonly LiveToxic[]): void {
    const link = stream === 'upstream' ? this.upstreamLink : this.downstreamLink
    link?.setChain(chain)
  }

  /** Closes both sockets now (proxy disabled, deleted or shut down). */
  destroy(): void {
    this.upstreamLink?.abort()
    this.downstreamLink?.abort()
    this.client.destroy()
    this.server.destroy()
  }

  /** Aborts both sockets with a TCP RST (reset_peer). */
  reset(): void {
    this.upstreamLink?.abort()
    this.downstreamLink?.abort()
    if (!this.client.destroyed) this.client.resetAndDestroy()
    if (!this.server.destroyed) this.server.resetAndDestroy()
  }

  private join(): void {
    if (this.client.destroyed) {
      this.server.destroy()
      return
    }
    const up = this.link('upstream', this.client, this.server, (data) => {
      if (data === null) this.journey.finish()
      else this.journey.feed(data)
    })
    // Server bytes (or its end) before the client's head is complete: no head is coming first.
    const down = this.link('downstream', this.server, this.client, () => this.journey.finish())
    up.setChain(this.host.chain('upstream'))
    down.setChain(this.host.chain('downstream'))
    this.upstreamLink = up
    this.downstreamLink = down
    up.start()
    down.start(this.serverReads)
  }

  private link(
    stream: StreamDirection,
    source: Socket,
    dest: Socket,
    observe: (data: Buffer | null) => void,
  ): ToxicLink {
    const { seed, proxyName, connectionNumber } = this.host
    // The link's seeded streams are made on the first draw that needs them (the same streams,
    // whenever made): a link with no toxic (most of them) never does.
    let streamSeed: number | undefined
    const seedOf = () => (streamSeed ??= deriveSeed(seed, proxyName, connectionNumber, stream))
    const decider = createToxicityDecider({
      seed,
      proxyName,
      journey: this.journey,
      fallback: lazyRandom(() => deriveSeed(seedOf(), 'toxicity')),
    })
    return new ToxicLink(source, dest, lazyRandom(seedOf), decider, this.host.counters(stream), {
      clock: this.host.clock,
      reset: () => this.reset(),
      observe: (data) => {
        if (!this.journey.resolved) observe(data)
      },
    })
  }

  private closedOne(): void {
    this.open -= 1
    if (this.open > 0) return
    // Both sockets are gone: stop any toxic timer still armed on the links.
    this.upstreamLink?.abort()
    this.downstreamLink?.abort()
    this.host.onClosed(this)
  }
}

/** A seeded stream made on its first draw. */
function lazyRandom(seed: () => number): Random {
  let random: Random | undefined
  return {
    next: () => (random ??= createRandom(seed())).next(),
    int: (n) => (random ??= createRandom(seed())).int(n),
  }
}
