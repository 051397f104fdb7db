import { describe, expect, it } from 'vitest'
import { createPrng, deriveSeed } from './prng.js'

describe('createPrng', () => {
  it('replays the same draws from the same seed, within [0, 1)', () => {
    const a = createPrng(5)
    const b = createPrng(5)
    const draws = Array.from({ length: 1000 }, () => a.next())
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(draws)
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...draws)).toBeLessThan(1)
    expect(draws.filter((draw) => draw < 0.5).length).toBeGreaterThan(400)
  })

  it('derives distinct, stable seeds from labels', () => {
    expect(deriveSeed(1, 'psp', 3)).toBe(deriveSeed(1, 'psp', 3))
    expect(deriveSeed(1, 'psp', 3)).not.toBe(deriveSeed(1, 'psp', 4))
    expect(deriveSeed(1, 'psp', 3)).not.toBe(deriveSeed(2, 'psp', 3))
  })
})
