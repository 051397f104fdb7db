import { defineScenario } from '../format/scenario.js'

/** Steady checkout with no faults: the yardstick every other game day is read against. */
export default defineScenario({
  name: 'baseline',
  description: 'Steady checkout load for 15 s with no faults; every SLO and integrity check should hold',
  teaches:
    'The yardstick: steady checkouts and no fault, so that every other game day has figures to be ' +
    'read against. No safeguard is tested; a fail here means the machine or the platform is too slow ' +
    'for the other game days to mean anything. A pass: checkout p99 ≤ 1 s and p50 ≤ 250 ms, ' +
    'availability ≥ 99%, at least 95% of the target rate achieved, and every integrity check clean.',
  rate: 20,
  phases: [
    { name: 'warm-up', durationMs: 3_000 },
    { name: 'steady', durationMs: 12_000 },
  ],
  slos: [
    { name: 'checkout p99 under 1 s', metric: 'latency.p99', comparator: '<=', threshold: 1_000, unit: 'ms' },
    {
      name: 'checkout p50 under 250 ms',
      metric: 'latency.p50',
      comparator: '<=',
      threshold: 250,
      unit: 'ms',
    },
    {
      name: 'availability at least 99%',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
    },
    {
      name: 'achieved rate at least 95% of target',
      metric: 'achievedRateRatio',
      comparator: '>=',
      threshold: 0.95,
      unit: 'ratio',
    },
  ],
})
