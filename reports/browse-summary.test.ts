import { describe, expect, it } from 'vitest'

import { summarizeBrowsing } from './browse-summary.js'
import { aBrowse } from './testing/run-record-factory.js'

describe('summarizeBrowsing', () => {
  it('counts requests answered 2xx as succeeded and every other one as failed', () => {
    const summary = summarizeBrowsing([1, 2, 3, 4].map((n) => aBrowse(n, { ok: n !== 3, latencyMs: 10 * n })))
    expect(summary).toEqual({
      attempted: 4,
      succeeded: 3,
      failed: 1,
      availability: 0.75,
      // HDR buckets: a percentile is within 0.1% of the value recorded; max is exact.
      latency: { p50: expect.closeTo(20, 1), p95: 40, p99: 40, max: 40 },
    })
  })

  it('measures failures’ latency too, from the intended start', () => {
    const summary = summarizeBrowsing([aBrowse(1, { ok: false, latencyMs: 5_000 })])
    expect(summary).toMatchObject({ failed: 1, availability: 0, latency: { max: 5_000 } })
  })

  it('leaves availability and latency out when nothing was attempted', () => {
    expect(summarizeBrowsing([])).toEqual({ attempted: 0, succeeded: 0, failed: 0 })
  })
})
