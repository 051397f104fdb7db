import { defineScenario } from '../format/scenario.js'

/**
 * 800 ± 100 ms of network latency on the platform → PSP link in the middle phase. The platform's
 * PSP timeout (2 s) is longer than the spike, so checkouts still succeed — slowly: the latency
 * SLO of the spike phase fails and the report says so. That is the point: a latency budget that
 * a vendor's slowness alone can break.
 */
export default defineScenario({
  name: 'psp-latency-spike',
  description: 'PSP link gets 800 ± 100 ms latency mid-run; the spike phase breaks its p99 budget (exit 1)',
  teaches:
    "A vendor's slowness alone can break a latency budget: 800 ± 100 ms on the PSP link stays under " +
    "the platform's 2 s per-try timeout, so nothing fails and nothing retries, checkouts are only " +
    'slow. No safeguard steps in, and the game day is meant to fail (exit 1). A pass would need p99 ≤ ' +
    '500 ms in every phase: the spike phase breaks it while the phases before and after hold it, ' +
    'availability stays ≥ 99% and integrity stays clean.',
  rate: 15,
  phases: [
    { name: 'before', durationMs: 4_000 },
    {
      name: 'spike',
      durationMs: 6_000,
      faults: [
        {
          kind: 'toxic',
          target: 'psp',
          toxic: { type: 'latency', stream: 'downstream', attributes: { latency: 800, jitter: 100 } },
        },
      ],
    },
    { name: 'after', durationMs: 4_000 },
  ],
  slos: [
    {
      name: 'p99 before the spike',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 500,
      unit: 'ms',
      phase: 'before',
    },
    {
      name: 'p99 during the spike',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 500,
      unit: 'ms',
      phase: 'spike',
    },
    {
      name: 'p99 after the spike',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 500,
      unit: 'ms',
      phase: 'after',
    },
    {
      name: 'availability at least 99%',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
    },
  ],
})
