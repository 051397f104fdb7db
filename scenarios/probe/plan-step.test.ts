import { describe, expect, it } from 'vitest'
import { maxPassingRate, planNextStep, rateAbove, rateBelow } from './plan-step.js'
import type { StepResult } from './probe-types.js'

const step = (rate: number, passed: boolean, extra: Partial<StepResult> = {}): StepResult => ({
  rate,
  passed,
  slos: [],
  achievedRate: rate,
  integrityPassed: true,
  ...extra,
})

describe('rateAbove / rateBelow', () => {
  it('steps 10% up and down, rounded to 0.1/s', () => {
    expect(rateAbove(20)).toBe(22)
    expect(rateAbove(12.1)).toBe(13.3)
    expect(rateBelow(22)).toBe(20)
    expect(rateBelow(10)).toBe(9.1)
  })

  it('never offers the same rate twice when rounding would', () => {
    expect(rateAbove(0.5)).toBe(0.6)
    expect(rateBelow(0.5)).toBe(0.4)
  })

  it('has nothing below 0.1/s', () => {
    expect(rateBelow(0.1)).toBeUndefined()
  })
})

describe('planNextStep', () => {
  const limits = { maxSteps: 20 }

  it('starts at the start rate', () => {
    expect(planNextStep([], 20, limits)).toEqual({ kind: 'run', rate: 20 })
  })

  it('climbs while every SLO holds', () => {
    expect(planNextStep([step(20, true), step(22, true)], 20, limits)).toEqual({ kind: 'run', rate: 24.2 })
  })

  it('stops at the first step that breaks an SLO', () => {
    expect(planNextStep([step(20, true), step(22, false)], 20, limits)).toEqual({
      kind: 'stop',
      reason: 'slo-failed',
    })
  })

  it('steps down when the very first step fails, and stops at the first pass', () => {
    expect(planNextStep([step(20, false)], 20, limits)).toEqual({ kind: 'run', rate: 18.2 })
    expect(planNextStep([step(20, false), step(18.2, false)], 20, limits)).toEqual({
      kind: 'run',
      rate: 16.5,
    })
    expect(planNextStep([step(20, false), step(18.2, true)], 20, limits)).toEqual({
      kind: 'stop',
      reason: 'slo-failed',
    })
  })

  it('stops stepping down at the lowest rate', () => {
    expect(planNextStep([step(0.2, false), step(0.1, false)], 0.2, limits)).toEqual({
      kind: 'stop',
      reason: 'min-rate',
    })
  })

  it('stops after max-steps, up or down', () => {
    expect(planNextStep([step(20, true), step(22, true)], 20, { maxSteps: 2 })).toEqual({
      kind: 'stop',
      reason: 'max-steps',
    })
    expect(planNextStep([step(20, false), step(18.2, false)], 20, { maxSteps: 2 })).toEqual({
      kind: 'stop',
      reason: 'max-steps',
    })
  })

  it('cuts the last step up to max-rate, then stops there', () => {
    expect(planNextStep([step(20, true)], 20, { maxSteps: 20, maxRate: 21 })).toEqual({
      kind: 'run',
      rate: 21,
    })
    expect(planNextStep([step(20, true), step(21, true)], 20, { maxSteps: 20, maxRate: 21 })).toEqual({
      kind: 'stop',
      reason: 'max-rate',
    })
  })

  it('stops after an interrupted step', () => {
    expect(planNextStep([step(20, true), step(22, false, { interrupted: true })], 20, limits)).toEqual({
      kind: 'stop',
      reason: 'interrupted',
    })
  })
})

describe('maxPassingRate', () => {
  it('is the highest rate that held every SLO, leaving out interrupted steps', () => {
    expect(maxPassingRate([step(20, true), step(22, true), step(24.2, true, { interrupted: true })])).toBe(22)
    expect(maxPassingRate([step(20, false)])).toBeUndefined()
  })
})
