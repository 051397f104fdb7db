/** Makes unique, prefixed ids (`ord_…`, `cart_…`); passed in so a run replays from its seed. */
export type IdGenerator = (prefix: string) => string

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/**
 * A seeded id generator (a splitmix32 stream). `stream` separates the streams that share one seed
 * (a restart of the platform on the same database, say), so ids never repeat across them.
 *
 * @example
 * const ids = createIdGenerator(42, 1)
 * ids('ord') // 'ord_…' (16 base-36 characters)
 */
export function createIdGenerator(seed: number, stream: number): IdGenerator {
  const next = splitmix32(hash32(seed, stream))
  return (prefix) => {
    let out = ''
    for (let i = 0; i < 16; i++) out += ALPHABET[next() % 36]
    return `${prefix}_${out}`
  }
}

/** A seeded 32-bit PRNG returning unsigned integers. */
export function splitmix32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

function hash32(a: number, b: number): number {
  let h = Math.imul((a | 0) ^ 0x5bd1e995, 0x27d4eb2d) >>> 0
  h = Math.imul(h ^ (Math.floor(a / 2 ** 32) | 0), 0x165667b1) >>> 0
  h = Math.imul(h ^ (b | 0), 0x27d4eb2d) >>> 0
  return (h ^ (h >>> 15)) >>> 0
}
