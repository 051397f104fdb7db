import { defineScenario } from '../format/scenario.js'

/**
 * The PSP stops answering for twelve seconds: every call hangs until the platform's per-try
 * timeout gives up. Twelve, because the checkouts already waiting when the breaker opens (a call
 * fails only after its two 2 s tries) stay slow whatever it does; it speeds up the rest. With `circuit-breaker` on, once five calls in a row have failed the breaker
 * opens and checkouts are refused at once (503 `PSP_CIRCUIT_OPEN`, before any order exists)
 * instead of each waiting out its tries; probes back off from 1 s, so the platform finds the PSP
 * again soon after it returns. With it off, every checkout of the outage waits for its tries
 * and fails slowly: the outage phase's median latency breaks its fail-fast budget.
 */
export default defineScenario({
  name: 'psp-outage',
  description: 'PSP hangs for 12 s; passes with circuit-breaker on (fails fast), fails slowly with it off',
  teaches:
    'The PSP hangs for 12 s: without a breaker every checkout waits out its two 2 s tries and fails ' +
    'slowly, and requests pile onto a dead vendor. `circuit-breaker` opens after five failed calls in ' +
    'a row and refuses checkouts at once (503 `PSP_CIRCUIT_OPEN`, before any order exists), then ' +
    "probes with backoff to find the PSP again. A pass: the outage phase's p50 ≤ 1 s (fail fast), " +
    'recovery within 6 s of the outage, and integrity clean once the reconciler has resumed the ' +
    'checkouts left pending.',
  rate: 10,
  exercises: ['circuit-breaker'],
  // Checkouts the outage left pending are resumed by the reconciler once the breaker closes: on
  // a busy machine that takes longer than the default wait.
  settleMs: 15_000,
  phases: [
    { name: 'before', durationMs: 2_000 },
    {
      name: 'outage',
      durationMs: 12_000,
      faults: [
        {
          kind: 'vendor',
          target: 'psp',
          rule: { name: 'PSP hangs', match: { path: '/v1/*' }, effect: { type: 'hang' } },
        },
      ],
    },
    // Long enough for the reconciler to finish the checkouts the outage left pending.
    { name: 'after', durationMs: 6_000 },
  ],
  slos: [
    {
      name: 'fail fast during the outage (p50 under 1 s)',
      metric: 'latency.p50',
      comparator: '<=',
      threshold: 1_000,
      unit: 'ms',
      phase: 'outage',
    },
    // Judged per second after the outage on availability ≥ 99%: a probe sent just before the PSP
    // came back waits out its 2 s try while the breaker refuses the rest.
    {
      name: 'recovers within 6 s of the outage',
      metric: 'recovery.ms',
      comparator: '<=',
      threshold: 6_000,
      unit: 'ms',
    },
  ],
})
