import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import type { JourneyResult } from '../target/target.js'
import { driveLoad } from './load-driver.js'

const clock = () => {
  const t0 = performance.now()
  return () => performance.now() - t0
}
const ok = (): JourneyResult => ({
  outcome: { type: 'ok', status: 201, orderId: 'o', orderStatus: 'paid' },
  tries: 1,
})

describe('driveLoad', () => {
  it('starts arrivals on a fixed schedule per phase', async () => {
    const attempts = await driveLoad({
      phases: [
        { name: 'a', startMs: 0, durationMs: 200, rate: 50 },
        { name: 'b', startMs: 200, durationMs: 100, rate: 100 },
      ],
      journey: async () => ok(),
      now: clock(),
      keyFor: (i) => `k${i}`,
    })
    expect(attempts.filter((a) => a.phase === 'a')).toHaveLength(10)
    expect(attempts.filter((a) => a.phase === 'b')).toHaveLength(10)
    expect(attempts.slice(0, 3).map((a) => a.intendedStartMs)).toEqual([0, 20, 40])
    expect(attempts[10]?.intendedStartMs).toBe(200)
    expect(new Set(attempts.map((a) => a.idempotencyKey)).size).toBe(20)
  })

  it('keeps offering load while responses stall, and charges the stall to latency', async () => {
    // Every journey takes 150 ms; a closed-model driver with one connection would send 2, not 10.
    const attempts = await driveLoad({
      phases: [{ name: 'slow', startMs: 0, durationMs: 200, rate: 50 }],
      journey: () => new Promise((resolve) => setTimeout(() => resolve(ok()), 150)),
      now: clock(),
      keyFor: (i) => `k${i}`,
    })
    expect(attempts).toHaveLength(10)
    for (const a of attempts) expect(a.latencyMs).toBeGreaterThanOrEqual(140)
  })

  it('records a journey that throws as indeterminate, never as a failure', async () => {
    const attempts = await driveLoad({
      phases: [{ name: 'p', startMs: 0, durationMs: 100, rate: 20 }],
      journey: async () => {
        throw new Error('boom')
      },
      now: clock(),
      keyFor: (i) => `k${i}`,
    })
    expect(attempts).toHaveLength(2)
    expect(attempts.every((a) => a.outcome.type === 'info')).toBe(true)
  })

  it('stops scheduling when aborted', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const attempts = await driveLoad({
      phases: [{ name: 'p', startMs: 0, durationMs: 5_000, rate: 20 }],
      journey: async () => ok(),
      now: clock(),
      keyFor: (i) => `k${i}`,
      signal: controller.signal,
    })
    expect(attempts.length).toBeGreaterThan(0)
    expect(attempts.length).toBeLessThan(50)
  })

  it('reports live figures once a second and at the end', async () => {
    const ticks: number[] = []
    await driveLoad({
      phases: [{ name: 'p', startMs: 0, durationMs: 1_100, rate: 10 }],
      journey: async () => ok(),
      now: clock(),
      keyFor: (i) => `k${i}`,
      onTick: (s) => ticks.push(s.ok),
    })
    expect(ticks.length).toBeGreaterThanOrEqual(2)
    expect(ticks.at(-1)).toBe(11)
  })
})
