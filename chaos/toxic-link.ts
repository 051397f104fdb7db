import type { Socket } from 'node:net'
import type { Clock } from '../lib/clock.js'
import type { Random } from '../lib/random.js'
import type { LiveToxic } from './live-toxic.js'
import type { ReadBuffer } from './read-buffer.js'
import type { ToxicityDecider } from './toxicity-decider.js'
import { toxicRuntimes } from './toxics/index.js'
import type { Chunk, LinkControl, ToxicContext } from './toxics/toxic-runtime.js'

/** Byte counters of one direction of one proxy (Toxiproxy's received/sent metrics). */
export interface LinkCounters {
  receivedBytes: number
  sentBytes: number
}

/** What a link needs from its connection. */
export interface LinkHost {
  clock: Clock
  /** Aborts the connection with RST on both sockets. */
  reset(): void
  /**
   * Sees each chunk read (null at the end of input) before it is routed, so the connection can
   * learn its journey and settle pending toxicity decisions first (see {@link ToxicLink.redecide}).
   */
  observe(data: Buffer | null): void
}

/** Beyond this many queued chunks the source is paused, so a slow toxic pushes back on the sender. */
const queueHighWater = 64

interface ToxicEntry {
  toxic: LiveToxic
  revision: number
  active: boolean
  /** Toxicity not decided yet: the connection's journey is still unknown. */
  pending: boolean
  state: Record<string, number>
}

/**
 * One direction of a proxied connection: reads `source`, runs the toxics of its stream in the order
 * they were added, writes `dest`.
 * @note With no active toxic and nothing queued, a chunk is written straight to `dest` from the read
 * callback (the fast path); toxics added later take over from the next chunk on, and the queue keeps
 * bytes in order while switching back. Chunks read into a ReadBuffer are borrowed: the queue copies
 * them, the fast path hands them to `dest` and retires the buffer if the write is still pending.
 * @note While a toxic's toxicity is pending (see ToxicityDecider) chunks queue and nothing runs, so
 * the first request's bytes meet the toxic only once its fate is known.
 */
export class ToxicLink implements LinkControl {
  private active: ToxicEntry[] = []
  private entries = new Map<LiveToxic, ToxicEntry>()
  private readonly queue: Array<Chunk | null> = []
  private pumping = false
  private waitingDrain = false
  private ended = false
  private outputClosed = false
  private readonly wakers = new Set<() => void>()
  private pending = 0

  constructor(
    private readonly source: Socket,
    private readonly dest: Socket,
    /** This link's seeded stream for per-chunk draws (jitter, slice sizes). */
    private readonly rng: Random,
    private readonly decider: ToxicityDecider,
    private readonly counters: LinkCounters,
    private readonly host: LinkHost,
  ) {}

  /** Starts moving bytes; `reads` when the source was opened with its `onread`, else 'data' events. */
  start(reads?: ReadBuffer): void {
    if (reads === undefined) this.source.on('data', (data: Buffer) => this.onChunk(data, false))
    else reads.handler = this.onChunk
    this.source.on('end', this.onSourceEnd)
    this.source.on('close', this.onSourceEnd)
    this.source.resume()
  }

  /**
   * Installs a new chain (live). Toxicity is decided when a toxic first reaches the link and again
   * when it is updated (pending while the connection's journey is unknown); a removed toxic is told
   * so; sleeping toxics wake up.
   */
  setChain(chain: readonly LiveToxic[]): void {
    const previous = this.entries
    const entries = new Map<LiveToxic, ToxicEntry>()
    const stopped: Array<[ToxicEntry, boolean]> = []
    const started: ToxicEntry[] = []
    for (const toxic of chain) {
      let entry = previous.get(toxic)
      if (entry === undefined || entry.revision !== toxic.revision) {
        if (entry?.active === true) stopped.push([entry, false])
        const decision = this.decider.decide(toxic)
        entry = {
          toxic,
          revision: toxic.revision,
          active: decision === true,
          pending: decision === undefined,
          state: entry?.state ?? {},
        }
        if (entry.active) started.push(entry)
      }
      entries.set(toxic, entry)
    }
    for (const [toxic, entry] of previous) {
      if (!entries.has(toxic) && entry.active) stopped.push([entry, true])
    }
    this.entries = entries
    this.install(stopped, started)
  }

  /** Decides every pending toxic, now that the connection's journey is known. */
  redecide(): void {
    if (this.pending === 0) return
    const started: ToxicEntry[] = []
    for (const entry of this.entries.values()) {
      if (!entry.pending) continue
      const decision = this.decider.decide(entry.toxic)
      if (decision === undefined) continue
      entry.pending = false
      entry.active = decision
      if (decision) started.push(entry)
    }
    this.install([], started)
  }

  private install(stopped: Array<[ToxicEntry, boolean]>, started: ToxicEntry[]): void {
    const all = [...this.entries.values()]
    const active = all.filter((entry) => entry.active)
    this.active = active
    this.pending = all.filter((entry) => entry.pending).length
    for (const [entry, removed] of stopped) {
      toxicRuntimes[entry.toxic.type].onDeactivate?.(this.context(active, -1, entry), removed)
    }
    this.wake()
    if (this.outputClosed) return
    for (const entry of started) {
      toxicRuntimes[entry.toxic.type].onActivate?.(this.context(active, active.indexOf(entry), entry))
    }
    if (this.pending === 0 && this.queue.length > 0) this.schedulePump()
  }

  get closed(): boolean {
    return this.outputClosed
  }

  now(): number {
    return this.host.clock.monotonic()
  }

  timer(fn: () => void, ms: number): () => void {
    return this.host.clock.setTimeout(fn, ms)
  }

  random(): number {
    return this.rng.next()
  }

  sleep(ms: number): Promise<boolean> {
    if (this.outputClosed) return Promise.resolve(false)
    return new Promise((resolve) => {
      const wake = (): void => {
        cancel()
        this.wakers.delete(wake)
        resolve(false)
      }
      const cancel = this.host.clock.setTimeout(() => {
        this.wakers.delete(wake)
        resolve(true)
      }, ms)
      this.wakers.add(wake)
    })
  }

  close(): void {
    if (this.outputClosed) return
    this.shutdown()
    if (this.dest.destroyed) return
    this.dest.end(() => this.dest.destroy())
  }

  reset(): void {
    this.shutdown()
    this.host.reset()
  }

  /** Stops the link at once (the connection is being torn down). */
  abort(): void {
    this.shutdown()
  }

  /** Closes the output once: drops queued data, stops every toxic's timers, wakes sleepers. */
  private shutdown(): void {
    if (this.outputClosed) return
    this.outputClosed = true
    this.queue.length = 0
    const active = this.active
    this.active = []
    for (const entry of active)
      toxicRuntimes[entry.toxic.type].onDeactivate?.(this.context(active, -1, entry), false)
    this.wake()
  }

  private wake(): void {
    for (const wake of [...this.wakers]) wake()
  }

  /** Returns true when `dest` still holds the borrowed chunk (see ChunkHandler). */
  private readonly onChunk = (data: Buffer, borrowed: boolean): boolean => {
    this.counters.receivedBytes += data.length
    if (this.outputClosed) return false
    this.host.observe(data)
    if (this.active.length === 0 && this.pending === 0 && !this.pumping && this.queue.length === 0) {
      this.counters.sentBytes += data.length
      const dest = this.dest
      if (!dest.write(data)) this.waitForDrain()
      // Nothing left in the writable state: the kernel took the chunk during write().
      return borrowed && dest.writableLength > 0
    }
    // Toxics hold chunks across reads (latency, slicer): they get a copy of their own.
    this.queue.push({ data: borrowed ? Buffer.from(data) : data, atMs: this.now() })
    if (this.queue.length > queueHighWater) this.source.pause()
    this.schedulePump()
    return false
  }

  private waitForDrain(): void {
    if (this.waitingDrain) return
    this.waitingDrain = true
    this.source.pause()
    this.dest.once('drain', () => {
      this.waitingDrain = false
      if (this.queue.length <= queueHighWater) this.source.resume()
    })
  }

  private readonly onSourceEnd = (): void => {
    if (this.ended) return
    this.ended = true
    if (this.outputClosed) return
    this.host.observe(null)
    this.queue.push(null)
    this.schedulePump()
  }

  /** Runs the pump; a toxic that throws costs its connection, never the process. */
  private schedulePump(): void {
    this.pump().catch(() => {
      this.shutdown()
      this.source.destroy()
      this.dest.destroy()
    })
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (this.queue.length > 0 && !this.outputClosed && this.pending === 0) {
        const item = this.queue.shift() ?? null
        const chain = this.active
        if (item === null) await this.runEnd(chain, 0)
        else await this.runChunk(chain, 0, item)
        if (this.queue.length <= queueHighWater && !this.waitingDrain && !this.source.destroyed) {
          this.source.resume()
        }
      }
    } finally {
      this.pumping = false
    }
  }

  private context(chain: readonly ToxicEntry[], index: number, entry: ToxicEntry): ToxicContext {
    return {
      toxic: entry.toxic,
      link: this,
      state: entry.state,
      forward: (chunk) => this.runChunk(chain, index + 1, chunk),
      forwardEnd: () => this.runEnd(chain, index + 1),
    }
  }

  private async runChunk(chain: readonly ToxicEntry[], index: number, chunk: Chunk): Promise<void> {
    if (this.outputClosed) return
    const entry = chain[index]
    if (entry === undefined) return this.write(chunk.data)
    if (entry.toxic.removed) return this.runChunk(chain, index + 1, chunk)
    await toxicRuntimes[entry.toxic.type].onChunk(this.context(chain, index, entry), chunk)
  }

  private async runEnd(chain: readonly ToxicEntry[], index: number): Promise<void> {
    if (this.outputClosed) return
    const entry = chain[index]
    if (entry === undefined) return this.close()
    const runtime = toxicRuntimes[entry.toxic.type]
    if (entry.toxic.removed || runtime.onEnd === undefined) return this.runEnd(chain, index + 1)
    await runtime.onEnd(this.context(chain, index, entry))
  }

  private async write(data: Buffer): Promise<void> {
    if (this.dest.destroyed || this.dest.writableEnded) return
    this.counters.sentBytes += data.length
    if (this.dest.write(data)) return
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.dest.off('drain', done)
        this.dest.off('close', done)
        resolve()
      }
      this.dest.on('drain', done)
      this.dest.on('close', done)
    })
  }
}
