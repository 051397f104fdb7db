import { describe, expect, it } from 'vitest'
import baseline from '../catalog/baseline.js'
import { resolveScenario } from '../format/resolve-scenario.js'
import { exportK6 } from './export-k6.js'
import { k6Duration, k6Options, rateUnit, SUMMARY_TREND_STATS } from './k6-options.js'
import { mixedScenario } from './k6-test-scenarios.js'
import { closeK6Shim, loadK6Script } from './shim/run-k6-script.js'

describe('k6Options', () => {
  it('maps baseline to one constant-arrival-rate scenario per phase, starting at the phase', () => {
    expect(k6Options(resolveScenario(baseline))).toEqual({
      scenarios: {
        'warm-up-default': {
          executor: 'constant-arrival-rate',
          rate: 20,
          timeUnit: '1s',
          duration: '3s',
          preAllocatedVUs: 20,
          maxVUs: 200,
          startTime: '0s',
          exec: 'playDefault',
          tags: { phase: 'warm-up', workload: 'default' },
        },
        'steady-default': {
          executor: 'constant-arrival-rate',
          rate: 20,
          timeUnit: '1s',
          duration: '12s',
          preAllocatedVUs: 20,
          maxVUs: 200,
          startTime: '3s',
          exec: 'playDefault',
          tags: { phase: 'steady', workload: 'default' },
        },
      },
      thresholds: {
        checkout_journey_duration: ['p(99)<=1000', 'p(50)<=250'],
        checkout_available: ['rate>=0.99'],
      },
      summaryTrendStats: SUMMARY_TREND_STATS,
    })
  })

  it('maps a ramp, a closed-model workload, browsing and per-phase SLOs, and leaves out a phase without arrivals', () => {
    expect(k6Options(resolveScenario(mixedScenario))).toEqual({
      scenarios: {
        'warm-up-default': {
          executor: 'constant-arrival-rate',
          rate: 10,
          timeUnit: '1s',
          duration: '2s',
          preAllocatedVUs: 10,
          maxVUs: 100,
          startTime: '0s',
          exec: 'playDefault',
          tags: { phase: 'warm-up', workload: 'default' },
        },
        'warm-up-browsing': {
          executor: 'constant-arrival-rate',
          rate: 4,
          timeUnit: '1s',
          duration: '2s',
          preAllocatedVUs: 4,
          maxVUs: 40,
          startTime: '0s',
          exec: 'playBrowsing',
          tags: { phase: 'warm-up', workload: 'browsing' },
        },
        // 12.5/s is whole per 10 s; the last target holds to the phase's end as a stage of its own.
        'rush-ramp': {
          executor: 'ramping-arrival-rate',
          startRate: 20,
          timeUnit: '10s',
          stages: [
            { duration: '2s', target: 125 },
            { duration: '2s', target: 200 },
            { duration: '2s', target: 200 },
          ],
          preAllocatedVUs: 20,
          maxVUs: 200,
          startTime: '2s',
          exec: 'playRamp',
          tags: { phase: 'rush', workload: 'ramp' },
        },
        'rush-regulars': {
          executor: 'constant-vus',
          vus: 3,
          duration: '6s',
          startTime: '2s',
          exec: 'playRegulars',
          tags: { phase: 'rush', workload: 'regulars' },
        },
        'rush-browsing': {
          executor: 'constant-arrival-rate',
          rate: 4,
          timeUnit: '1s',
          duration: '6s',
          preAllocatedVUs: 4,
          maxVUs: 40,
          startTime: '2s',
          exec: 'playBrowsing',
          tags: { phase: 'rush', workload: 'browsing' },
        },
      },
      thresholds: {
        checkout_journey_duration: ['p(99)<=500'],
        'checkout_journey_duration{phase:rush}': ['p(99)<=800'],
        checkout_available: ['rate>=0.99'],
        browse_ok: ['rate>=0.99'],
        'http_req_duration{operation:checkout}': ['p(95)<=300'],
      },
      summaryTrendStats: SUMMARY_TREND_STATS,
      noConnectionReuse: true,
    })
  })

  it('scales rates and durations as gameday run --rate and --duration do', () => {
    const options = k6Options(resolveScenario(baseline, { rate: 40, durationMs: 7_500 }))
    expect(options.scenarios['steady-default']).toMatchObject({
      rate: 40,
      duration: '6s',
      startTime: '1500ms',
    })
  })

  it('writes fractional rates as whole iterations per a longer time unit', () => {
    expect(rateUnit([20]).timeUnit).toBe('1s')
    const unit = rateUnit([2.5, 0.1])
    expect([unit.timeUnit, unit.per(2.5), unit.per(0.1)]).toEqual(['10s', 25, 1])
    expect(rateUnit([1 / 3]).timeUnit).toBe('1m')
    expect([k6Duration(15_000), k6Duration(1_500), k6Duration(0)]).toEqual(['15s', '1500ms', '0s'])
  })
})

describe('the exported script', () => {
  it('exports the same options as k6Options, read from the script itself under the shim', async () => {
    try {
      for (const scenario of [baseline, mixedScenario]) {
        const { files } = exportK6(scenario)
        const script = await loadK6Script(files['script.ts'] as string)
        expect(script.options).toEqual(k6Options(resolveScenario(scenario)))
      }
    } finally {
      await closeK6Shim()
    }
  })
})
