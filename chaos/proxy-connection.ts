import { connect, type Socket } from 'node:net'
import type { LiveToxic } from './live-toxic.js'
import { createPrng, deriveSeed } from './prng.js'
import { ReadBuffer } from './read-buffer.js'
import type { StreamDirection } from './toxic-spec.js'
import { ToxicLink, type LinkCounters } from './toxic-link.js'

/** What a connection needs from its proxy. */
export interface ConnectionHost {
  upstreamHost: string
  upstreamPort: number
  /** Seed for this connection's two links. */
  seed: number
  now(): number
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
    const linkHost = { now: () => this.host.now(), reset: () => this.reset() }
    const up = new ToxicLink(
      this.client,
      this.server,
      createPrng(deriveSeed(this.host.seed, 'upstream')),
      this.host.counters('upstream'),
      linkHost,
    )
    const down = new ToxicLink(
      this.server,
      this.client,
      createPrng(deriveSeed(this.host.seed, 'downstream')),
      this.host.counters('downstream'),
      linkHost,
    )
    up.setChain(this.host.chain('upstream'))
    down.setChain(this.host.chain('downstream'))
    this.upstreamLink = up
    this.downstreamLink = down
    up.start()
    down.start(this.serverReads)
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
