import { describe, expect, it } from 'vitest'
import { createRandom } from '../../lib/random.js'
import { sampleLatency } from './sample-latency.js'

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}

describe('sampleLatency', () => {
  it('gives a lognormal tail with the median and p99 asked for', () => {
    const rng = createRandom(7)
    const samples = Array.from({ length: 50_000 }, () =>
      sampleLatency({ type: 'lognormal', medianMs: 50, p99Ms: 2000 }, rng),
    )
    expect(quantile(samples, 0.5)).toBeGreaterThan(45)
    expect(quantile(samples, 0.5)).toBeLessThan(55)
    expect(quantile(samples, 0.99)).toBeGreaterThan(1600)
    expect(quantile(samples, 0.99)).toBeLessThan(2500)
  })

  it('keeps uniform samples inside their bounds and normal ones non-negative', () => {
    const rng = createRandom(3)
    for (let i = 0; i < 5_000; i++) {
      const u = sampleLatency({ type: 'uniform', minMs: 10, maxMs: 20 }, rng)
      expect(u).toBeGreaterThanOrEqual(10)
      expect(u).toBeLessThanOrEqual(20)
      expect(sampleLatency({ type: 'normal', meanMs: 5, stdDevMs: 50 }, rng)).toBeGreaterThanOrEqual(0)
    }
    expect(sampleLatency({ type: 'fixed', ms: 42 }, rng)).toBe(42)
  })

  it('draws the same sequence from the same seed', () => {
    const draw = (seed: number): number[] => {
      const rng = createRandom(seed)
      return Array.from({ length: 20 }, () =>
        sampleLatency({ type: 'normal', meanMs: 100, stdDevMs: 30 }, rng),
      )
    }
    expect(draw(5)).toEqual(draw(5))
    expect(draw(5)).not.toEqual(draw(6))
  })
})
