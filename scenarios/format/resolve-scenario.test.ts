import { describe, expect, it } from 'vitest'
import { resolveScenario, SHOPPER_DEFAULTS } from './resolve-scenario.js'
import type { Scenario } from './scenario.js'

const scenario: Scenario = {
  name: 's',
  description: 'd',
  rate: 10,
  phases: [
    { name: 'a', durationMs: 2_000 },
    { name: 'b', durationMs: 2_000, rate: 20 },
  ],
  slos: [],
}

describe('resolveScenario', () => {
  it('fills the shopper defaults once and keeps what the scenario says', () => {
    const resolved = resolveScenario({ ...scenario, shopper: { retries: 3, keepAlive: false } })
    expect(resolved.shopper).toEqual({ ...SHOPPER_DEFAULTS, retries: 3, keepAlive: false })
  })

  it('takes the seed from the flag, then the scenario, then 1', () => {
    expect(resolveScenario(scenario).seed).toBe(1)
    expect(resolveScenario({ ...scenario, seed: 5 }).seed).toBe(5)
    expect(resolveScenario({ ...scenario, seed: 5 }, { seed: 9 }).seed).toBe(9)
  })

  it('scales phases by the duration and rate flags', () => {
    const { phases } = resolveScenario(scenario, { durationMs: 2_000, rate: 20 })
    expect(phases.map((p) => [p.startMs, p.durationMs, p.rate])).toEqual([
      [0, 1_000, 20],
      [1_000, 1_000, 40],
    ])
  })
})
