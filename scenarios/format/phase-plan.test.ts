import { describe, expect, it } from 'vitest'
import { cutPhases, parseDuration, planPhases } from './phase-plan.js'
import { defineScenario } from './scenario.js'

const scenario = defineScenario({
  name: 't',
  description: 't',
  rate: 10,
  phases: [
    { name: 'a', durationMs: 2_000 },
    { name: 'b', durationMs: 6_000, rate: 20 },
  ],
  slos: [],
})

describe('planPhases', () => {
  it('lays phases end to end with their own rates', () => {
    const plan = planPhases(scenario)
    expect(plan.map((p) => [p.name, p.startMs, p.durationMs, p.rate])).toEqual([
      ['a', 0, 2_000, 10],
      ['b', 2_000, 6_000, 20],
    ])
  })

  it('scales duration and rate while keeping the shape', () => {
    const plan = planPhases(scenario, { durationMs: 4_000, rate: 5 })
    expect(plan.map((p) => [p.startMs, p.durationMs, p.rate])).toEqual([
      [0, 1_000, 5],
      [1_000, 3_000, 10],
    ])
  })
})

describe('planPhases with a ramp', () => {
  it('cuts a stage that crosses the phase end at the rate it reached, scaled by --rate', () => {
    const ramp = defineScenario({
      ...scenario,
      phases: [
        {
          name: 'a',
          durationMs: 1_000,
          workloads: [
            {
              name: 'r',
              executor: 'ramping-arrival-rate',
              startRate: 10,
              stages: [{ durationMs: 2_000, target: 20 }],
            },
          ],
        },
      ],
    })
    // --rate 20 on a scenario rate of 10 doubles 10 → 20 to 20 → 40: halfway through it is at 30.
    expect(planPhases(ramp, { rate: 20 })[0]?.workloads[0]).toMatchObject({
      startRate: 20,
      stages: [{ durationMs: 1_000, target: 30 }],
    })
  })
})

describe('planPhases with browsing', () => {
  it('gives each phase the scenario browsing rate unless the phase overrides it, 0 without browsing', () => {
    expect(planPhases(scenario).map((p) => p.browseRate)).toEqual([0, 0])
    const browsing = defineScenario({
      ...scenario,
      browse: { rate: 30 },
      phases: [
        { name: 'a', durationMs: 2_000 },
        { name: 'b', durationMs: 6_000, browseRate: 5 },
      ],
    })
    expect(planPhases(browsing).map((p) => p.browseRate)).toEqual([30, 5])
  })

  it('scales the browsing rate with --rate, keeping the mix', () => {
    const browsing = defineScenario({ ...scenario, browse: { rate: 30 } })
    expect(planPhases(browsing, { rate: 20 }).map((p) => [p.rate, p.browseRate])).toEqual([
      [20, 60],
      [40, 60],
    ])
  })
})

describe('planPhases with timed faults', () => {
  it('scales a process fault with its phase', () => {
    const withCrash = defineScenario({
      ...scenario,
      phases: [
        {
          name: 'crash',
          durationMs: 4_000,
          faults: [{ kind: 'process', target: 'platform', action: 'kill', atMs: 1_000, forMs: 2_000 }],
        },
      ],
    })
    expect(planPhases(withCrash, { durationMs: 2_000 })[0]?.faults[0]).toMatchObject({
      atMs: 500,
      forMs: 1_000,
    })
  })
})

describe('parseDuration', () => {
  it('reads seconds, minutes and milliseconds', () => {
    expect(parseDuration('15s')).toBe(15_000)
    expect(parseDuration('1m30s')).toBe(90_000)
    expect(parseDuration('500ms')).toBe(500)
    expect(parseDuration('3')).toBe(3_000)
  })

  it('refuses what it cannot read', () => {
    expect(parseDuration('ten')).toBeUndefined()
    expect(parseDuration('5x')).toBeUndefined()
    expect(parseDuration('5s junk')).toBeUndefined()
  })
})

describe('cutPhases', () => {
  const phases = [
    { name: 'a', startMs: 0, durationMs: 3_000 },
    { name: 'b', startMs: 3_000, durationMs: 6_000 },
    { name: 'c', startMs: 9_000, durationMs: 3_000 },
  ]

  it('cuts the phase under way and leaves out the ones that never started', () => {
    expect(cutPhases(phases, 5_000)).toEqual([
      { name: 'a', startMs: 0, durationMs: 3_000 },
      { name: 'b', startMs: 3_000, durationMs: 2_000 },
    ])
  })

  it('keeps every phase whole when the run got to the end', () => {
    expect(cutPhases(phases, 12_050)).toEqual(phases)
  })
})
