import { BoundedMap } from '../core/bounded-map.js'

/** A response saved under an idempotency key. */
export interface SavedResponse {
  status: number
  /** The body, or how to render it again from a snapshot (a rendered intent is ~1.3 KB; its snapshot a few hundred bytes). */
  body: string | (() => string)
}

type Entry =
  | { state: 'in-flight'; fingerprint: number; at: number }
  | { state: 'done'; fingerprint: number; at: number; saved: SavedResponse }

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

  constructor(
    private readonly ttlMs = 86_400_000,
    maxKeys = 1_000_000,
  ) {
    this.entries = new BoundedMap(maxKeys)
  }

  begin(key: string, fingerprint: number, nowMs: number): IdempotencyBegin {
    const entry = this.entries.get(key)
    if (entry && nowMs - entry.at < this.ttlMs) {
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' }
      return entry.state === 'in-flight' ? { kind: 'in-flight' } : { kind: 'replay', saved: entry.saved }
    }
    this.entries.set(key, { state: 'in-flight', fingerprint, at: nowMs })
    return { kind: 'new' }
  }

  /** Saves the result of the request that holds the key. */
  complete(key: string, saved: SavedResponse): void {
    const entry = this.entries.get(key)
    if (entry) this.entries.set(key, { state: 'done', fingerprint: entry.fingerprint, at: entry.at, saved })
  }

  /** Frees a key whose request saved nothing (a validation failure). */
  release(key: string): void {
    if (this.entries.get(key)?.state === 'in-flight') this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }
}
