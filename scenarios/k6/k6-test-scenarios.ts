import type { SloSpec } from '../../reports/types.js'
import { defineScenario } from '../format/scenario.js'

/**
 * Scenarios the k6 export's tests play with: a ramp, a mix, a closed-model workload, browsing, a
 * fault, and SLOs of every kind the export maps (and some it cannot).
 */
export const mixedScenario = defineScenario({
  name: 'k6-mixed',
  description: 'A ramp, a mix and a closed-model workload',
  rate: 10,
  mix: { browse: 3, view: 2, cart: 1, checkout: 2, status: 1, refund: 1 },
  browse: { rate: 4 },
  shopper: { keepAlive: false, refund: { every: 2, parts: 2, percent: 30 } },
  phases: [
    { name: 'warm-up', durationMs: 2_000 },
    {
      name: 'rush',
      durationMs: 6_000,
      workloads: [
        {
          name: 'ramp',
          executor: 'ramping-arrival-rate',
          startRate: 2,
          stages: [
            { durationMs: 2_000, target: 12.5 },
            { durationMs: 2_000, target: 20 },
          ],
        },
        {
          name: 'regulars',
          executor: 'constant-vus',
          vus: 3,
          thinkTimeMs: 500,
          mix: { checkout: 1, status: 1 },
        },
      ],
      faults: [
        {
          kind: 'toxic',
          target: 'platform',
          toxic: { type: 'latency', attributes: { latency: 300, jitter: 50 } },
        },
        { kind: 'vendor', target: 'psp', rule: { name: 'psp 503', effect: { type: 'error', status: 503 } } },
      ],
    },
    { name: 'drain', durationMs: 2_000, rate: 0, browseRate: 0 },
  ],
  slos: [
    { name: 'p99 under 500 ms', metric: 'latency.p99', comparator: '<=', threshold: 500, unit: 'ms' },
    {
      name: 'rush p99 under 800 ms',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 800,
      unit: 'ms',
      phase: 'rush',
    },
    { name: 'errors under 1%', metric: 'errorRate', comparator: '<=', threshold: 0.01, unit: 'ratio' },
    { name: 'browsing up', metric: 'browse.availability', comparator: '>=', threshold: 0.99, unit: 'ratio' },
    {
      name: 'checkout request p95',
      metric: 'latency.checkout.p95' as SloSpec['metric'],
      comparator: '<=',
      threshold: 300,
      unit: 'ms',
    },
    { name: 'recovers in 3 s', metric: 'recovery.ms', comparator: '<=', threshold: 3_000, unit: 'ms' },
  ],
})

/**
 * Every journey kind, one workload each (in the order a VU can play them: a checkout before the
 * status and refund that need its orders), then a phase of the full mix.
 */
export const everyKindScenario = defineScenario({
  name: 'k6-every-kind',
  description: 'Each journey kind in a workload of its own, then all six mixed',
  rate: 2,
  mix: { browse: 1, view: 1, cart: 1, checkout: 1, status: 1, refund: 1 },
  shopper: { refund: { every: 2, parts: 2, percent: 30 } },
  phases: [
    {
      name: 'each',
      durationMs: 2_000,
      workloads: [
        { name: 'buy', executor: 'constant-arrival-rate', rate: 2, mix: { checkout: 1 } },
        { name: 'look', executor: 'constant-arrival-rate', rate: 1, mix: { browse: 1 } },
        { name: 'page', executor: 'constant-arrival-rate', rate: 1, mix: { view: 1 } },
        { name: 'leave', executor: 'constant-arrival-rate', rate: 1, mix: { cart: 1 } },
        { name: 'track', executor: 'constant-arrival-rate', rate: 1, mix: { status: 1 } },
        { name: 'give-back', executor: 'constant-arrival-rate', rate: 1, mix: { refund: 1 } },
      ],
    },
    { name: 'mixed', durationMs: 2_000 },
  ],
  slos: [{ name: 'available', metric: 'availability', comparator: '>=', threshold: 0.99, unit: 'ratio' }],
})
