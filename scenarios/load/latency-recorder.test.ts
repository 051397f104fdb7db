import { describe, expect, it } from 'vitest'
import { LatencyRecorder } from './latency-recorder.js'

describe('LatencyRecorder', () => {
  it('reads percentiles in ms to 2 decimals, never above the exact maximum', () => {
    const recorder = new LatencyRecorder()
    // 100.01 ms falls in an HDR bucket whose highest equivalent value is above it.
    recorder.record(100.01)
    expect(recorder.figures()).toEqual({ p50: 100.01, p90: 100.01, p95: 100.01, p99: 100.01, max: 100.01 })
  })

  it('adds another recorder and resets to empty', () => {
    const a = new LatencyRecorder()
    const b = new LatencyRecorder()
    a.record(1)
    b.record(3)
    a.add(b)
    expect(a.count).toBe(2)
    expect(a.maxMs).toBe(3)
    a.reset()
    expect(a.figures()).toBeUndefined()
    expect(a.percentileMs(99)).toBe(0)
  })
})
