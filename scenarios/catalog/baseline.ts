import { defineScenario } from '../format/scenario.js'

/** Steady checkout with no faults: the yardstick every other game day is read against. */
export default defineScenario({
  name: 'baseline',
  description: 'Steady checkout load for 15 s with no faults; every SLO and integrity check should hold',
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
