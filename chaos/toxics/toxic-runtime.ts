import type { LiveToxic } from '../live-toxic.js'

/** A piece of data on its way through a link; `atMs` is when it arrived (or left the previous toxic). */
export interface Chunk {
  data: Buffer
  atMs: number
}

/** What a toxic may do to the link it runs on. */
export interface LinkControl {
  /** Monotonic milliseconds. */
  now(): number
  /** A draw in [0, 1) from this link's seeded PRNG. */
  random(): number
  /** Calls `fn` after `ms` on the server's clock; returns a function that cancels it. */
  timer(fn: () => void, ms: number): () => void
  /** Sleeps up to `ms`; resolves `false` early when the chain changes or the link closes. */
  sleep(ms: number): Promise<boolean>
  /** True once the link's output is closed: stop forwarding. */
  readonly closed: boolean
  /** Closes this link's output after what was forwarded is flushed (Toxiproxy's `stub.Close()`). */
  close(): void
  /** Aborts the whole connection with a TCP RST on both sockets. */
  reset(): void
}

/** One toxic at work on one link. */
export interface ToxicContext {
  readonly toxic: LiveToxic
  readonly link: LinkControl
  /** State kept per link for this toxic (limit_data's byte count). */
  readonly state: Record<string, number>
  /** Passes a chunk on to the next toxic (or the socket); resolves when it was taken. */
  forward(chunk: Chunk): Promise<void>
  /** Passes the end of the stream on. */
  forwardEnd(): Promise<void>
}

/** The behaviour of one toxic type. */
export interface ToxicRuntime {
  onChunk(ctx: ToxicContext, chunk: Chunk): Promise<void>
  /** The input ended; the default forwards the end. */
  onEnd?(ctx: ToxicContext): Promise<void>
  /** The toxic starts running on this link (added, updated, or the connection opened). */
  onActivate?(ctx: ToxicContext): void
  /** The toxic stops running on this link; `removed` when it was deleted from the proxy. */
  onDeactivate?(ctx: ToxicContext, removed: boolean): void
}
