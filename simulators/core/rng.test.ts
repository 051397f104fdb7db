import { describe, expect, it } from 'vitest'
import { createRng } from './rng.js'

describe('createRng', () => {
  it('replays the same stream from the same seed and differs across seeds and forks', () => {
    const a = createRng(42)
    const b = createRng(42)
    const first = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first)
    expect(createRng(43).next()).not.toBe(first[0])
    expect(createRng(42).fork('x').next()).toBe(createRng(42).fork('x').next())
    expect(createRng(42).fork('x').next()).not.toBe(createRng(42).fork('y').next())
  })

  it('draws floats in [0, 1) with a mean near one half', () => {
    const rng = createRng(1)
    let sum = 0
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next()
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
      sum += x
    }
    expect(sum / 10_000).toBeGreaterThan(0.45)
    expect(sum / 10_000).toBeLessThan(0.55)
  })
})
