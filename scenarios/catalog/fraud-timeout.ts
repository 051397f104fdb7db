import { defineScenario } from '../format/scenario.js'

/**
 * The fraud vendor stops answering for eight seconds: every call hangs until the platform's
 * per-try timeout (1 s) gives up on it. Eight, because a short outage is absorbed by the
 * retries alone (three tries of 1 s and their backoff outlast a 2 s one, and the late tries succeed). With
 * `fraud-fail-open` on, checkout accepts an order below the configured amount (100 USD by
 * default; these shoppers buy a 25 USD T-shirt) and would hold a larger one for review: the
 * first shoppers wait out the tries, then the open breaker sends the rest to the fallback at
 * once. With it off, those checkouts fail with 503 `FRAUD_UNAVAILABLE` (their stock given back,
 * nothing charged), and the outage phase's availability SLO fails.
 */
export default defineScenario({
  name: 'fraud-timeout',
  description: 'Fraud vendor hangs for 8 s; passes with fraud-fail-open on, fails every checkout with it off',
  teaches:
    'The fraud vendor hangs for eight seconds, longer than its three 1 s tries and their backoff ' +
    'absorb. `fraud-fail-open` accepts an order below the limit without a fraud answer (a larger one ' +
    'is held for review), at once while the fraud breaker is open; with it off those checkouts fail ' +
    'with 503 `FRAUD_UNAVAILABLE`. A pass: availability ≥ 95% during the outage and ≥ 97% over the ' +
    'run, integrity clean.',
  rate: 10,
  exercises: ['fraud-fail-open'],
  phases: [
    { name: 'before', durationMs: 2_000 },
    {
      name: 'outage',
      durationMs: 8_000,
      faults: [
        {
          kind: 'vendor',
          target: 'fraud',
          rule: { name: 'fraud vendor hangs', match: { path: '/v205/*' }, effect: { type: 'hang' } },
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
