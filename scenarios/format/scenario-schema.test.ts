import { describe, expect, it } from 'vitest'
import { builtInScenarios } from '../catalog/index.js'
import { scenarioProblems } from './scenario-schema.js'

const valid = {
  name: 'mine',
  description: 'my own game day',
  rate: 5,
  phases: [{ name: 'steady', durationMs: 2_000 }],
  slos: [{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 1_000, unit: 'ms' }],
}

describe('scenarioProblems', () => {
  it.each([...builtInScenarios.keys()])('finds nothing wrong with the built-in %s', (name) => {
    expect(scenarioProblems(builtInScenarios.get(name))).toEqual([])
  })

  it('names each problem by its path', () => {
    const problems = scenarioProblems({
      ...valid,
      phases: [
        {
          name: 'a',
          durationMs: 1_000,
          faults: [
            { kind: 'toxic', target: 'psp', toxic: { type: 'latncy', attributes: {} } },
            { kind: 'quake' },
          ],
        },
      ],
      slos: [{ ...valid.slos[0], phase: 'zz' }],
    })
    expect(problems).toEqual([
      expect.stringMatching(/^\/phases\/0\/faults\/0\/toxic\/type: must be one of latency, bandwidth/),
      '/phases/0/faults/1/kind: must be one of toxic, vendor, process, link',
      '/slos: "p99" is judged over phase "zz", which the scenario does not have',
    ])
  })

  it('refuses a scenario without phases, or with a phase that never ends', () => {
    expect(scenarioProblems({ ...valid, phases: [] })).toEqual([
      '/phases: Expected array length to be greater or equal to 1',
    ])
    expect(scenarioProblems({ ...valid, phases: [{ name: 'a', durationMs: 0 }] })[0]).toMatch(
      /^\/phases\/0\/durationMs/,
    )
  })

  it('takes browsing at scenario level, a phase override and the browsing SLO metrics', () => {
    expect(
      scenarioProblems({
        ...valid,
        browse: { rate: 50 },
        phases: [
          { name: 'steady', durationMs: 2_000 },
          { name: 'quiet', durationMs: 1_000, browseRate: 0 },
        ],
        slos: [
          {
            name: 'browse up',
            metric: 'browse.availability',
            comparator: '>=',
            threshold: 0.99,
            unit: 'ratio',
          },
          {
            name: 'browse p99',
            metric: 'browse.latency.p99',
            comparator: '<=',
            threshold: 200,
            unit: 'ms',
            phase: 'steady',
          },
        ],
      }),
    ).toEqual([])
  })

  it('caps browsing rates like checkout rates and refuses a negative one', () => {
    expect(scenarioProblems({ ...valid, browse: { rate: 10_001 } })[0]).toMatch(/^\/browse\/rate: /)
    expect(scenarioProblems({ ...valid, browse: {} })[0]).toMatch(/^\/browse\/rate: /)
    expect(
      scenarioProblems({ ...valid, phases: [{ name: 'a', durationMs: 1_000, browseRate: -1 }] })[0],
    ).toMatch(/^\/phases\/0\/browseRate: /)
  })

  it('takes a platform pool size between 1 and 1000, and nothing else under platform', () => {
    expect(scenarioProblems({ ...valid, platform: { dbPoolSize: 10 } })).toEqual([])
    expect(scenarioProblems({ ...valid, platform: { dbPoolSize: 0 } })).not.toEqual([])
    expect(scenarioProblems({ ...valid, platform: { dbPoolSize: 1_001 } })).not.toEqual([])
    expect(scenarioProblems({ ...valid, platform: { threads: 4 } })).not.toEqual([])
  })

  it('is not fooled by something that is not an object', () => {
    expect(scenarioProblems('baseline').length).toBeGreaterThan(0)
    expect(scenarioProblems(null).length).toBeGreaterThan(0)
  })

  describe('refuses a key it does not know, by path, with the key it most likely meant', () => {
    it.each([
      [{ ...valid, shoper: {} }, '/shoper: unknown key "shoper" is not allowed; did you mean "shopper"?'],
      [
        { ...valid, phases: [{ name: 'a', durationMs: 1_000, rampTo: 50 }] },
        '/phases/0/rampTo: unknown key "rampTo" is not allowed; did you mean "rate"?',
      ],
      [
        { ...valid, phases: [{ name: 'a', durationMs: 1_000, durationMS: 50 }] },
        '/phases/0/durationMS: unknown key "durationMS" is not allowed; did you mean "durationMs"?',
      ],
      [
        {
          ...valid,
          phases: [
            {
              name: 'a',
              durationMs: 1_000,
              workloads: [{ name: 'w', executor: 'constant-vus', vus: 5, thinkTime: 100 }],
            },
          ],
        },
        '/phases/0/workloads/0/thinkTime: unknown key "thinkTime" is not allowed; did you mean "thinkTimeMs"?',
      ],
      [{ ...valid, shopper: { retries: 1, zzz: true } }, '/shopper/zzz: unknown key "zzz" is not allowed'],
      [
        {
          ...valid,
          phases: [
            {
              name: 'a',
              durationMs: 1_000,
              faults: [{ kind: 'link', target: 'psp', action: 'down', forMs: 5 }],
            },
          ],
        },
        '/phases/0/faults/0/forMs: unknown key "forMs" is not allowed',
      ],
    ])('%#', (scenario, problem) => {
      expect(scenarioProblems(scenario)).toEqual([problem])
    })
  })

  it('lets a vendor rule through loosely, but still wants its effect type', () => {
    const vendor = (rule: unknown) => ({
      ...valid,
      phases: [{ name: 'a', durationMs: 1_000, faults: [{ kind: 'vendor', target: 'psp', rule }] }],
    })
    expect(
      scenarioProblems(
        vendor({ match: { path: '/v1/*', fraction: 0.5 }, effect: { type: 'error', status: 503 } }),
      ),
    ).toEqual([])
    expect(scenarioProblems(vendor({ match: {} }))[0]).toMatch(/^\/phases\/0\/faults\/0\/rule\/effect: /)
    expect(scenarioProblems(vendor('error'))[0]).toMatch(/^\/phases\/0\/faults\/0\/rule: /)
  })

  it('takes a per-operation latency metric and refuses an operation it does not know', () => {
    const slo = (metric: string) => ({ ...valid, slos: [{ ...valid.slos[0], metric }] })
    expect(scenarioProblems(slo('latency.checkout.p99'))).toEqual([])
    expect(scenarioProblems(slo('latency.item.max'))).toEqual([])
    expect(scenarioProblems(slo('latency.nope.p99'))).toEqual([
      expect.stringMatching(/^\/slos\/0\/metric: must be a known metric: .*latency\.<operation>\.<stat>/),
    ])
  })

  it('takes teaches, a mix and a population within their bounds', () => {
    expect(
      scenarioProblems({
        ...valid,
        teaches: 'what it shows',
        mix: { browse: 6, view: 3, checkout: 1, cart: 0 },
        population: { size: 1_000_000, impatient: 0.2, impatientAfterMs: 800, freshKeyRetry: 1 },
      }),
    ).toEqual([])
    const problems = (extra: object) => scenarioProblems({ ...valid, ...extra })
    expect(problems({ mix: { checkout: -1 } })[0]).toMatch(/^\/mix\/checkout: /)
    expect(problems({ mix: { browse: 0, view: 0 } })).toEqual(['/mix: at least one weight must be above 0'])
    expect(problems({ mix: {} })[0]).toMatch(/^\/mix: /)
    expect(problems({ mix: { search: 1 } })[0]).toMatch(/^\/mix\/search: unknown key/)
    expect(problems({ population: { size: 0 } })[0]).toMatch(/^\/population\/size: /)
    expect(problems({ population: { size: 1_000_001 } })[0]).toMatch(/^\/population\/size: /)
    expect(problems({ population: { size: 2.5 } })[0]).toMatch(/^\/population\/size: /)
    expect(problems({ population: { impatient: 1.1 } })[0]).toMatch(/^\/population\/impatient: /)
    expect(problems({ population: { freshKeyRetry: -0.1 } })[0]).toMatch(/^\/population\/freshKeyRetry: /)
    expect(problems({ population: { impatientAfterMs: -1 } })[0]).toMatch(/^\/population\/impatientAfterMs: /)
  })

  describe('workloads', () => {
    const phase = (workloads: unknown[]) => ({
      ...valid,
      phases: [{ name: 'a', durationMs: 1_000, workloads }],
    })

    it('takes each executor with its own fields', () => {
      expect(
        scenarioProblems(
          phase([
            { name: 'steady', executor: 'constant-arrival-rate', rate: 10, mix: { browse: 1 } },
            {
              name: 'ramp',
              executor: 'ramping-arrival-rate',
              startRate: 0,
              stages: [
                { durationMs: 500, target: 50 },
                { durationMs: 500, target: 0 },
              ],
            },
            { name: 'shoppers', executor: 'constant-vus', vus: 10, thinkTimeMs: 0 },
          ]),
        ),
      ).toEqual([])
    })

    it.each([
      [{ name: 'w', executor: 'constant-vus', vus: 0 }, '/phases/0/workloads/0/vus'],
      [{ name: 'w', executor: 'constant-vus', vus: 10_001 }, '/phases/0/workloads/0/vus'],
      [{ name: 'w', executor: 'constant-vus', vus: 1.5 }, '/phases/0/workloads/0/vus'],
      [{ name: 'w', executor: 'constant-vus', vus: 1, thinkTimeMs: -1 }, '/phases/0/workloads/0/thinkTimeMs'],
      [{ name: 'w', executor: 'ramping-arrival-rate', stages: [] }, '/phases/0/workloads/0/stages'],
      [
        { name: 'w', executor: 'ramping-arrival-rate', stages: [{ durationMs: 0, target: 5 }] },
        '/phases/0/workloads/0/stages/0/durationMs',
      ],
      [
        { name: 'w', executor: 'ramping-arrival-rate', stages: [{ durationMs: 10, target: -5 }] },
        '/phases/0/workloads/0/stages/0/target',
      ],
      [{ name: 'w', executor: 'constant-arrival-rate', rate: -1 }, '/phases/0/workloads/0/rate'],
      [
        { name: 'w', executor: 'constant-arrival-rate', rate: 1, mix: { view: 0 } },
        '/phases/0/workloads/0/mix',
      ],
      [{ name: 'w', executor: 'per-vu-iterations' }, '/phases/0/workloads/0/executor: must be one of'],
      [{ name: 'w', rate: 1 }, '/phases/0/workloads/0/executor'],
    ])('refuses %j at %s', (workload, path) => {
      expect(scenarioProblems(phase([workload]))[0]).toContain(path)
    })

    it('wants names unique within a phase, and at least one workload when the list is given', () => {
      const w = { name: 'w', executor: 'constant-arrival-rate', rate: 1 }
      expect(scenarioProblems(phase([w, w]))).toEqual([
        '/phases/0/workloads/1/name: "w" names another workload of the phase already',
      ])
      expect(scenarioProblems(phase([]))[0]).toMatch(/^\/phases\/0\/workloads: /)
    })
  })

  it('lists at most ten problems', () => {
    const phases = Array.from({ length: 20 }, (_, i) => ({ name: `p${i}`, durationMs: -1 }))
    expect(scenarioProblems({ ...valid, phases })).toHaveLength(10)
  })
})
