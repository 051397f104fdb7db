/** A seeded pseudo-random generator: every random choice of a simulator comes from one, so runs replay. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number
  /** A standard normal deviate (mean 0, standard deviation 1). */
  normal(): number
  /** An independent generator derived from this seed and a label, so streams do not disturb each other. */
  fork(label: string): Rng
}

function hashString(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x85ebca6b) >>> 0
    h ^= h >>> 13
  }
  return h >>> 0
}

/**
 * A mulberry32 generator: fast, 32-bit state, good enough for fault sampling and ids.
 * @example const rng = createRng(42); rng.next() // always the same first value for seed 42
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    normal() {
      // Box–Muller; 1 - next() keeps the logarithm's argument in (0, 1].
      const u = 1 - next()
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    fork: (label) => createRng(hashString(seed, label)),
  }
}
