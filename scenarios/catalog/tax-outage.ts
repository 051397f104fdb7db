import { defineScenario } from '../format/scenario.js'

/**
 * The tax vendor answers every call with 503 for four seconds. With `tax-fallback` on, checkout
 * estimates the tax from the rate its last quotes taught it, flags the order for a true-up and
 * goes on: shoppers see nothing. With it off, every checkout of the outage fails with 503
 * `TAX_UNAVAILABLE` before any money moves, and the outage phase's availability SLO fails.
 */
export default defineScenario({
  name: 'tax-outage',
  description:
    'Tax vendor answers 503 for 4 s; passes with tax-fallback on, fails every checkout with it off',
  teaches:
    'The tax vendor answers 503 for four seconds. `tax-fallback` estimates the tax from the rate the ' +
    'last quotes taught and flags the order for a true-up, so shoppers notice nothing; with it off ' +
    'every checkout of the outage fails with 503 `TAX_UNAVAILABLE` before any money moves. A pass: ' +
    'availability ≥ 95% during the outage and ≥ 97% over the run, integrity clean.',
  rate: 10,
  exercises: ['tax-fallback'],
  phases: [
    { name: 'before', durationMs: 2_000 },
    {
      name: 'outage',
      durationMs: 4_000,
      faults: [
        {
          kind: 'vendor',
          target: 'tax',
          rule: {
            name: 'tax vendor down',
            match: { path: '/api/v2/*' },
            effect: { type: 'error', status: 503, code: 'ServiceUnavailable' },
          },
        },
      ],
    },
    { name: 'after', durationMs: 2_000 },
  ],
  slos: [
    {
      name: 'availability during the outage',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.95,
      unit: 'ratio',
      phase: 'outage',
    },
    {
      name: 'availability at least 97%',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.97,
      unit: 'ratio',
    },
  ],
})
