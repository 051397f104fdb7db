import { defineScenario } from '../format/scenario.js'

/**
 * The PSP performs a quarter of the charges and then drops the connection before answering
 * (ambiguous success). The platform retries the same call: with `psp-idempotency` on, its
 * Idempotency-Key makes the PSP replay the first result; with it off, the retry creates and
 * charges a second PaymentIntent — the real-world double charge, read from the PSP's ledger.
 */
export default defineScenario({
  name: 'psp-lost-response',
  description:
    'PSP charges then drops 25% of responses; passes with psp-idempotency on, double-charges with it off',
  teaches:
    'The PSP performs a quarter of the charges and drops its answer, and the platform retries: the ' +
    'real-world double charge. `psp-idempotency` sends a PSP Idempotency-Key derived from the order, ' +
    "so the retry replays the first result. A pass: no duplicate charge in the PSP's ledger, " +
    'availability ≥ 97% and checkout p99 ≤ 2 s; with it off `integrity.duplicateCharges` (per order) ' +
    'fails the run.',
  rate: 15,
  exercises: ['psp-idempotency'],
  phases: [
    { name: 'before', durationMs: 2_000 },
    {
      name: 'lossy',
      durationMs: 8_000,
      faults: [
        {
          kind: 'vendor',
          target: 'psp',
          rule: {
            name: 'charge then drop the response',
            match: { method: 'POST', path: '/v1/payment_intents', fraction: 0.25 },
            effect: { type: 'ambiguous-success', then: 'drop' },
          },
        },
      ],
    },
    { name: 'after', durationMs: 2_000 },
  ],
  slos: [
    {
      name: 'availability at least 97%',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.97,
      unit: 'ratio',
    },
    { name: 'checkout p99 under 2 s', metric: 'latency.p99', comparator: '<=', threshold: 2_000, unit: 'ms' },
  ],
})
