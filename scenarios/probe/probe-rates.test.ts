import { describe, expect, it } from 'vitest'
import { probeRates } from './probe-rates.js'
import type { StepResult } from './probe-types.js'
import { p99Step } from './probe-test-steps.js'

/** A system whose every SLO holds up to `capacity` journeys/s and breaks above it. */
function fakeSystem(capacity: number) {
  const offered: number[] = []
  const runStep = (rate: number): Promise<StepResult> => {
    offered.push(rate)
    return Promise.resolve(p99Step(rate, rate <= capacity ? 200 : 900))
  }
  return { offered, runStep }
}

describe('probeRates', () => {
  it('climbs by 10% and answers the last rate before the first failure', async () => {
    const system = fakeSystem(25)
    const outcome = await probeRates({ start: 20, maxSteps: 20, runStep: system.runStep })
    expect(system.offered).toEqual([20, 22, 24.2, 26.6])
    expect(outcome.maxPassingRate).toBe(24.2)
    expect(outcome.stopReason).toBe('slo-failed')
    expect(outcome.steps.map((s) => s.passed)).toEqual([true, true, true, false])
  })

  it('steps down from a failing start until a rate passes', async () => {
    const system = fakeSystem(15)
    const outcome = await probeRates({ start: 20, maxSteps: 20, runStep: system.runStep })
    expect(system.offered).toEqual([20, 18.2, 16.5, 15])
    expect(outcome.maxPassingRate).toBe(15)
    expect(outcome.stopReason).toBe('slo-failed')
  })

  it('answers no figure when stepping down runs out of steps', async () => {
    const system = fakeSystem(1)
    const outcome = await probeRates({ start: 20, maxSteps: 3, runStep: system.runStep })
    expect(system.offered).toHaveLength(3)
    expect(outcome.maxPassingRate).toBeUndefined()
    expect(outcome.stopReason).toBe('max-steps')
  })

  it('stops at max-steps with every SLO holding: the figure is the last rate', async () => {
    const system = fakeSystem(1_000)
    const outcome = await probeRates({ start: 10, maxSteps: 5, runStep: system.runStep })
    expect(system.offered).toEqual([10, 11, 12.1, 13.3, 14.6])
    expect(outcome.maxPassingRate).toBe(14.6)
    expect(outcome.stopReason).toBe('max-steps')
  })

  it('stops at max-rate', async () => {
    const system = fakeSystem(1_000)
    const outcome = await probeRates({ start: 10, maxSteps: 20, maxRate: 12, runStep: system.runStep })
    expect(system.offered).toEqual([10, 11, 12])
    expect(outcome.stopReason).toBe('max-rate')
  })

  it('starts no further step once aborted, and keeps the steps done', async () => {
    const system = fakeSystem(1_000)
    const controller = new AbortController()
    const outcome = await probeRates({
      start: 10,
      maxSteps: 20,
      runStep: system.runStep,
      signal: controller.signal,
      onStep: (_step, index) => {
        if (index === 2) controller.abort()
      },
    })
    expect(system.offered).toEqual([10, 11])
    expect(outcome.stopReason).toBe('interrupted')
    expect(outcome.maxPassingRate).toBe(11)
  })

  it('stops after a step that was interrupted, and does not count it', async () => {
    const system = fakeSystem(1_000)
    const outcome = await probeRates({
      start: 10,
      maxSteps: 20,
      runStep: async (rate, index) => ({
        ...(await system.runStep(rate)),
        ...(index === 3 ? { passed: false, interrupted: true as const } : {}),
      }),
    })
    expect(outcome.steps.map((s) => s.rate)).toEqual([10, 11, 12.1])
    expect(outcome.stopReason).toBe('interrupted')
    expect(outcome.maxPassingRate).toBe(11)
  })

  it('reports each step as it ends', async () => {
    const seen: string[] = []
    await probeRates({
      start: 20,
      maxSteps: 20,
      runStep: fakeSystem(22).runStep,
      onStep: (step, index) => seen.push(`${index}:${step.rate}:${step.passed}`),
    })
    expect(seen).toEqual(['1:20:true', '2:22:true', '3:24.2:false'])
  })
})
