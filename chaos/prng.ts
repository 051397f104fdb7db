/** A seeded pseudo-random source: `next()` returns a float in [0, 1). */
export interface Prng {
  next(): number
}

/**
 * Creates a deterministic PRNG (mulberry32) so that a game day replays from its seed.
 * @example const rng = createPrng(42); rng.next() // same value every run
 */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    },
  }
}

/**
 * Derives a child seed from a seed and some labels (FNV-1a over the labels), so each link gets its
 * own stream of draws that does not depend on how other links interleave.
 */
export function deriveSeed(seed: number, ...labels: Array<string | number>): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0
  for (const label of labels) {
    const text = `${label}\u0000`
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i)
      hash = Math.imul(hash, 0x01000193) >>> 0
    }
  }
  return hash
}
