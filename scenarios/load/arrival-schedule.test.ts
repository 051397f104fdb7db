import { describe, expect, it } from 'vitest'
import { rampArrivalsBy } from '../format/phase-plan.js'
import { constantSchedule, rampingSchedule } from './arrival-schedule.js'

const dueTimes = (schedule: { count: number; dueMs(i: number): number }): number[] =>
  Array.from({ length: schedule.count }, (_, i) => schedule.dueMs(i))

describe('constantSchedule', () => {
  it('puts arrival i at i / rate, and only arrivals due before the phase ends', () => {
    expect(dueTimes(constantSchedule(50, 200))).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180])
    expect(constantSchedule(10, 250).count).toBe(3)
    expect(constantSchedule(3, 1_000).count).toBe(3)
    expect(constantSchedule(0, 1_000).count).toBe(0)
  })
})

describe('rampingSchedule', () => {
  const ramp = {
    startRate: 10,
    stages: [
      { durationMs: 2_000, target: 100 },
      { durationMs: 1_000, target: 100 },
      { durationMs: 2_000, target: 0 },
    ],
  }

  it('starts as many arrivals in each stage as the rate integral asks (±1)', () => {
    const schedule = rampingSchedule(ramp.startRate, ramp.stages, 5_000)
    const due = dueTimes(schedule)
    expect(schedule.count).toBeCloseTo(rampArrivalsBy(ramp, 5_000), -0.5)
    for (const [from, to] of [
      [0, 2_000],
      [2_000, 3_000],
      [3_000, 5_000],
      [500, 1_500],
      [3_500, 4_200],
    ] as const) {
      const counted = due.filter((t) => t >= from && t < to).length
      expect(Math.abs(counted - (rampArrivalsBy(ramp, to) - rampArrivalsBy(ramp, from)))).toBeLessThanOrEqual(
        1,
      )
    }
    // Due times never go backwards, and arrival i is due where the integral reaches i.
    for (let i = 1; i < due.length; i++) expect(due[i]!).toBeGreaterThanOrEqual(due[i - 1]!)
    for (const i of [1, 57, 150, 260]) expect(rampArrivalsBy(ramp, due[i]!)).toBeCloseTo(i, 6)
  })

  it('holds the last target to the phase end', () => {
    const schedule = rampingSchedule(0, [{ durationMs: 1_000, target: 20 }], 3_000)
    // 10 arrivals in the ramp, then 20/s for 2 s.
    expect(schedule.count).toBe(50)
    const due = dueTimes(schedule)
    expect(due.filter((t) => t >= 1_000).length).toBe(40)
    expect(due[11]! - due[10]!).toBeCloseTo(50, 6)
  })

  it('asks for nothing from a ramp that stays at 0', () => {
    expect(rampingSchedule(0, [{ durationMs: 1_000, target: 0 }], 2_000).count).toBe(0)
  })
})
