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
})
