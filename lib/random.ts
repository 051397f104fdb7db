import { randomBytes } from 'node:crypto'

/** A seeded pseudo-random stream: `next()` is a float in [0, 1). */
export interface Random {
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
}

/**
 * A deterministic stream (mulberry32): the same seed gives the same draws, run after run.
 * @example const random = createRandom(42); random.next() // the same value every run
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n) => Math.floor(next() * n) }
}

/**
 * A child seed from a seed and labels (FNV-1a over the labels), so each consumer gets its own
 * stream that does not depend on how the others interleave.
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
  // One round of mixing so that neighbouring labels (journey 17, 18) give unrelated seeds.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0
  return (hash ^ (hash >>> 16)) >>> 0
}

/**
 * One draw in [0, 1) that is a pure function of its inputs: a fault decision made with it depends
 * on (seed, rule, journey, step), never on arrival order or connection timing.
 * @example draw(7, 'rule-1', 17, 'checkout', 1) < 0.3 // the same answer in every run with seed 7
 */
export function draw(seed: number, ...labels: Array<string | number>): number {
  return createRandom(deriveSeed(seed, ...labels)).next()
}

/** A fresh seed from the operating system's entropy, for a run given no `--seed`. */
export function entropySeed(): number {
  return randomBytes(4).readUInt32BE(0) % 2 ** 31
}

/** `bytes` random bytes as hex, for ids that must not repeat across runs (run ids, secrets). */
export function entropyHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/** A random base64url token of `bytes` bytes (signing secrets). */
export function entropyToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}
