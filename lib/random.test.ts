import { describe, expect, it } from 'vitest'
import { createRandom, deriveSeed, draw } from './random.js'

describe('createRandom', () => {
  it('replays the same stream from the same seed, another from another', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    const c = createRandom(43)
    const first = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first)
    for (const x of first) expect(x >= 0 && x < 1).toBe(true)
  })

  it('draws integers in [0, n)', () => {
    const random = createRandom(7)
    const seen = new Set(Array.from({ length: 200 }, () => random.int(3)))
    expect([...seen].sort()).toEqual([0, 1, 2])
  })
})

describe('draw', () => {
  it('is a pure function of seed and labels, whatever was drawn before', () => {
    const one = draw(7, 'rule-1', 17, 'checkout', 1)
    for (let i = 0; i < 50; i++) draw(7, 'rule-1', i, 'checkout', 1)
    expect(draw(7, 'rule-1', 17, 'checkout', 1)).toBe(one)
    expect(draw(8, 'rule-1', 17, 'checkout', 1)).not.toBe(one)
    expect(draw(7, 'rule-1', 17, 'checkout', 2)).not.toBe(one)
  })

  it('spreads neighbouring journeys evenly: about 30% fall under 0.3', () => {
    const hits = Array.from({ length: 10_000 }, (_, journey) => draw(1, 'toxic', journey) < 0.3).filter(
      Boolean,
    )
    expect(hits.length / 10_000).toBeGreaterThan(0.27)
    expect(hits.length / 10_000).toBeLessThan(0.33)
  })

  it('tells labels apart from their concatenations', () => {
    expect(deriveSeed(1, 'ab', 'c')).not.toBe(deriveSeed(1, 'a', 'bc'))
  })
})
