import { describe, expect, it } from 'vitest'

import { summarizeLatency } from './latency-summary.js'

/** The exact nearest-rank percentile of sorted values. */
function exact(sorted: number[], percentile: number): number {
  return sorted[Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1)]!
}

describe('summarizeLatency', () => {
  it('is absent when there is nothing to summarise', () => {
    expect(summarizeLatency([])).toBeUndefined()
  })

  it('comes within 0.1% of the exact percentiles on a known distribution', () => {
    // 1..10000 in steps of 0.37 ms, shuffled deterministically: a wide, skew-free spread.
    const values = Array.from({ length: 27_000 }, (_, i) => 1 + ((i * 7919) % 27_000) * 0.37)
    const sorted = [...values].sort((a, b) => a - b)
    const summary = summarizeLatency(values)!
    for (const [key, percentile] of [
      ['p50', 50],
      ['p90', 90],
      ['p95', 95],
      ['p99', 99],
    ] as const) {
      const truth = exact(sorted, percentile)
      expect(Math.abs(summary[key] - truth) / truth).toBeLessThan(0.001 + 0.01 / truth)
    }
    expect(summary.max).toBe(Math.round(sorted.at(-1)! * 100) / 100)
  })

  it('keeps a long tail: one slow checkout in a hundred shows at p99', () => {
    const values = [...Array.from({ length: 98 }, () => 10), 5000, 5000]
    const summary = summarizeLatency(values)!
    expect(summary.p50).toBeCloseTo(10, 1)
    expect(summary.p99).toBeGreaterThan(4990)
    expect(summary.max).toBe(5000)
  })

  it('reports sub-millisecond latencies to 2 decimals and never above the maximum', () => {
    const summary = summarizeLatency([0.25, 0.5, 0.75])!
    expect(summary.max).toBe(0.75)
    expect(summary.p99).toBeLessThanOrEqual(0.75)
    expect(summary.p50).toBeCloseTo(0.5, 2)
  })

  it('records latencies beyond an hour without losing them', () => {
    expect(summarizeLatency([7_200_000])!.max).toBe(7_200_000)
    expect(summarizeLatency([7_200_000])!.p50).toBeGreaterThan(7_190_000)
  })
})
