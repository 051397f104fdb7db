import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SAFEGUARDS } from '../../platform/safeguards.js'
import { planPhases } from '../format/phase-plan.js'
import type { Fault, Scenario } from '../format/scenario.js'
import { scenarioProblems } from '../format/scenario-schema.js'
import { builtInScenarios } from './index.js'
import { teachingParts } from './scenario-library.js'

const all = [...builtInScenarios.values()]
const scenario = (name: string): Scenario => {
  const found = builtInScenarios.get(name)
  if (!found) throw new Error(`no built-in scenario ${name}`)
  return found
}
const totalMs = (s: Scenario) => s.phases.reduce((sum, phase) => sum + phase.durationMs, 0)
const faultsOf = (s: Scenario, phase: string): Fault[] => s.phases.find((p) => p.name === phase)?.faults ?? []
const sloOf = (s: Scenario, metric: string, phase?: string) =>
  s.slos.find((slo) => slo.metric === metric && slo.phase === phase)

const NEW = ['retry-storm', 'slow-network', 'peak-sale', 'webhook-delay', 'browse-heavy']

describe('the built-in catalog', () => {
  it('holds at least 27 scenarios, baseline first, each in a file of its name', () => {
    expect(builtInScenarios.size).toBeGreaterThanOrEqual(27)
    expect([...builtInScenarios.keys()][0]).toBe('baseline')
    for (const name of builtInScenarios.keys())
      expect(existsSync(fileURLToPath(new URL(`./${name}.ts`, import.meta.url))), name).toBe(true)
  })

  it.each(all.map((s) => [s.name, s] as const))('%s is a valid scenario', (_name, s) => {
    expect(scenarioProblems(s)).toEqual([])
  })

  it.each(all.map((s) => [s.name, s] as const))(
    '%s says what it teaches in 2–4 sentences, one of them what a pass means',
    (_name, s) => {
      const teaches = s.teaches ?? ''
      const sentences = teaches.split(/(?<=\.)\s+(?=[A-Z0-9`])/)
      expect(sentences.length).toBeGreaterThanOrEqual(2)
      expect(sentences.length).toBeLessThanOrEqual(4)
      expect(teachingParts(teaches).pass).toMatch(/^A pass/)
    },
  )

  it('names only real safeguards, and every safeguard is exercised by some scenario', () => {
    const exercised = new Set(all.flatMap((s) => s.exercises ?? []))
    for (const name of exercised) expect(SAFEGUARDS).toContain(name)
    for (const name of SAFEGUARDS) expect(exercised, name).toContain(name)
  })

  it.each(NEW)('%s is a laptop-sized game day: described, with SLOs, at most 30 s', (name) => {
    const s = scenario(name)
    expect(s.description.length).toBeGreaterThan(0)
    expect(s.exercises).toBeDefined()
    expect(s.slos.length).toBeGreaterThan(0)
    expect(totalMs(s)).toBeLessThanOrEqual(30_000)
  })
})

describe('the new scenarios do what they say', () => {
  it('retry-storm: impatient and fresh-key shoppers while the PSP is slow and flaky in the middle phase only', () => {
    const s = scenario('retry-storm')
    expect(s.population).toMatchObject({ impatient: 0.3, impatientAfterMs: 300, freshKeyRetry: 0.1 })
    expect(s.shopper?.retries).toBe(3)
    expect(s.phases.map((p) => p.name)).toEqual(['calm', 'storm', 'after'])
    expect(faultsOf(s, 'storm').map((f) => `${f.kind}:${f.target}`)).toEqual(['toxic:psp', 'vendor:psp'])
    expect(faultsOf(s, 'calm')).toEqual([])
    expect(faultsOf(s, 'after')).toEqual([])
    expect(sloOf(s, 'availability', 'after')?.threshold).toBeGreaterThanOrEqual(0.95)
    expect(sloOf(s, 'recovery.ms')).toBeDefined()
  })

  it('slow-network: bandwidth and slicer on the shopper link, latency on a vendor link, a budget per phase', () => {
    const s = scenario('slow-network')
    const toxics = faultsOf(s, 'slow').flatMap((f) =>
      f.kind === 'toxic' ? [`${f.target}:${f.toxic.type}`] : [],
    )
    expect(toxics).toEqual(['platform:bandwidth', 'platform:slicer', 'psp:latency'])
    for (const phase of ['before', 'slow', 'after'])
      expect(sloOf(s, 'availability', phase), phase).toBeDefined()
    expect(sloOf(s, 'latency.p99', 'slow')?.threshold).toBeGreaterThan(
      sloOf(s, 'latency.p99', 'before')?.threshold ?? Infinity,
    )
  })

  it('peak-sale: a browse-heavy mix ramped at least five-fold, judged on checkout and browse p99', () => {
    const s = scenario('peak-sale')
    expect(s.mix).toEqual({ browse: 5, view: 3, cart: 1, checkout: 2, status: 1 })
    const [warmUp, ramp, peak] = planPhases(s)
    expect(ramp?.workloads[0]?.executor).toBe('ramping-arrival-rate')
    expect((peak?.rate ?? 0) / (warmUp?.rate ?? Infinity)).toBeGreaterThanOrEqual(5)
    expect(sloOf(s, 'latency.checkout.p99', 'peak')).toBeDefined()
    expect(sloOf(s, 'latency.browse.p99', 'peak')).toBeDefined()
    // --rate scales the ramp with the rest.
    const [, halfRamp] = planPhases(s, { rate: s.rate / 2 })
    const stages =
      halfRamp?.workloads[0]?.executor === 'ramping-arrival-rate' ? halfRamp.workloads[0].stages : []
    expect(stages.at(-1)?.target).toBe(30)
  })

  it('webhook-delay: late webhooks during lost answers, status polls in the mix, time to settle', () => {
    const s = scenario('webhook-delay')
    const effects = faultsOf(s, 'late').flatMap((f) => (f.kind === 'vendor' ? [f.rule.effect.type] : []))
    expect(effects).toContain('webhook-delay')
    expect(s.mix?.status).toBeGreaterThan(0)
    expect(s.settleMs).toBeGreaterThanOrEqual(10_000)
    expect(s.exercises).toContain('reconciler')
  })

  it('browse-heavy: mostly reads, checkouts judged on their own p99 and availability', () => {
    const s = scenario('browse-heavy')
    expect(s.mix).toEqual({ browse: 6, view: 3, checkout: 1 })
    expect(sloOf(s, 'latency.checkout.p99', 'steady')).toBeDefined()
    expect(sloOf(s, 'availability', 'steady')).toBeDefined()
  })
})
