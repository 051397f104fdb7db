import { BoundedMap } from '../../core/bounded-map.js'

/** A response saved under an idempotency key, as a replay answers it. */
export interface SavedResponse {
  status: number
  body: string
}

/**
 * One key's record, flat and small (five fields; at a million keys each field is 8 MB): a rendered
 * intent is ~1.3 KB, so a success keeps the intent's snapshot and the store's one render function
 * instead of its body; the fingerprint is two small integers and the time is relative to the
 * store's epoch, so no field needs a heap number; `status` 0 means the request is still running.
 */
class Entry {
  status = 0
  /** The body as a string, or a snapshot the store's renderer turns into it. */
  saved: unknown = null
  constructor(
    readonly fpLow: number,
    readonly fpHigh: number,
    readonly at: number,
  ) {}
}

/** What a request finds under its key. */
export type IdempotencyBegin =
  { kind: 'new' } | { kind: 'replay'; saved: SavedResponse } | { kind: 'mismatch' } | { kind: 'in-flight' }

/** 53-bit string hash (cyrb53): the parameters' fingerprint without keeping the whole body. */
export function fingerprintOf(text: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/**
 * Stripe's idempotency layer: the first result under a key is saved and replayed; another
 * request with the same key and different parameters is refused; one arriving while the first
 * runs is told to retry. Keys expire after `ttlMs` (Stripe: 24 h); beyond `maxKeys` the oldest go.
 * @example const begin = store.begin('key-1', fingerprintOf('POST /v1/payment_intents amount=100'), now)
 */
export class IdempotencyStore {
  private entries: BoundedMap<string, Entry>
  private epochMs: number | undefined
  private renderer: ((snapshot: never) => string) | undefined

  constructor(
    private readonly ttlMs = 86_400_000,
    maxKeys = 1_000_000,
  ) {
    this.entries = new BoundedMap(maxKeys)
  }

  begin(key: string, fingerprint: number, nowMs: number): IdempotencyBegin {
    this.epochMs ??= nowMs
    const at = nowMs - this.epochMs
    const low = fingerprint % 1_073_741_824
    const high = Math.floor(fingerprint / 1_073_741_824)
    const entry = this.entries.get(key)
    if (entry && at - entry.at < this.ttlMs) {
      if (entry.fpLow !== low || entry.fpHigh !== high) return { kind: 'mismatch' }
      return entry.status === 0 ? { kind: 'in-flight' } : { kind: 'replay', saved: this.savedOf(entry) }
    }
    this.entries.set(key, new Entry(low, high, at))
    return { kind: 'new' }
  }

  /** Saves the result of the request that holds the key. */
  complete(key: string, saved: SavedResponse): void {
    const entry = this.entries.get(key)
    if (!entry) return
    entry.status = saved.status
    entry.saved = saved.body
  }

  /**
   * Saves a result that `render(snapshot)` reproduces, and answers the entry holding it: its
   * `saved` may later be replaced by an equal snapshot (a copy taken before the original changes).
   * The store keeps one render function: a caller with another one gets its body rendered now
   * and saved as a string (and no entry back).
   */
  completeWithSnapshot<S>(
    key: string,
    status: number,
    snapshot: S,
    render: (snapshot: S) => string,
  ): { saved: unknown } | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.renderer ??= render as (snapshot: never) => string
    entry.status = status
    if (this.renderer !== render) {
      entry.saved = render(snapshot)
      return undefined
    }
    entry.saved = snapshot
    return entry
  }

  /** Frees a key whose request saved nothing (a validation failure). */
  release(key: string): void {
    const entry = this.entries.get(key)
    if (entry && entry.status === 0) this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
    this.epochMs = undefined
  }

  get size(): number {
    return this.entries.size
  }

  private savedOf(entry: Entry): SavedResponse {
    const body =
      typeof entry.saved === 'string' ? entry.saved : this.renderer ? this.renderer(entry.saved as never) : ''
    return { status: entry.status, body }
  }
}
