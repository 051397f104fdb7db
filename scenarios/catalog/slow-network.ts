import { defineScenario } from '../format/scenario.js'

/**
 * The shopper is on a poor mobile network and the PSP is far away, at once. For the `slow` phase
 * the `platform` link (shopper ↔ platform) is throttled to 4 KB/s and its answers are sliced into
 * ~64-byte pieces 2 ms apart (a product list of about 1 KB takes a quarter of a second to come
 * down), and the PSP link gets 300 ± 50 ms of latency on each answer.
 *
 * Nothing breaks: the PSP's latency stays well under the platform's 2 s per-try timeout and the
 * shopper's 10 s one, so no try is abandoned, retried or charged twice, and every request
 * finishes, only later. That is the `timeouts` budget holding: a per-try timeout set below what a
 * slow but healthy network takes would turn this slowness into retries and failures. The SLOs
 * are per phase: tight before and after, and a budget for the slow phase that a checkout (three
 * answers down the throttled link, two PSP round trips) and a product list both fit in.
 */
export default defineScenario({
  name: 'slow-network',
  description:
    'Shopper link throttled to 4 KB/s and sliced, PSP link +300 ms; everything slower, nothing fails, per-phase budgets hold',
  teaches:
    "A slow network is not a failure: the shopper's link throttled to 4 KB/s and sliced into small " +
    'pieces, and 300 ms on every PSP answer, make each request slower but should fail none. The ' +
    "`timeouts` budget holds because the per-try timeouts (2 s on the PSP, the shopper's 10 s) sit " +
    'above what a slow but healthy network takes, so nothing is abandoned or retried. A pass: ' +
    'availability ≥ 99% in every phase, checkout p99 ≤ 1 s before and after and ≤ 4 s in the slow ' +
    'phase, product list p99 ≤ 2 s in it, and integrity clean.',
  rate: 10,
  mix: { browse: 3, view: 2, checkout: 2 },
  exercises: ['timeouts'],
  phases: [
    { name: 'before', durationMs: 4_000 },
    {
      name: 'slow',
      durationMs: 8_000,
      faults: [
        {
          kind: 'toxic',
          target: 'platform',
          toxic: { type: 'bandwidth', stream: 'downstream', attributes: { rate: 4 } },
        },
        {
          kind: 'toxic',
          target: 'platform',
          toxic: {
            type: 'slicer',
            stream: 'downstream',
            attributes: { average_size: 64, size_variation: 32, delay: 2_000 },
          },
        },
        {
          kind: 'toxic',
          target: 'psp',
          toxic: { type: 'latency', stream: 'downstream', attributes: { latency: 300, jitter: 50 } },
        },
      ],
    },
    { name: 'after', durationMs: 4_000 },
  ],
  slos: [
    ...(['before', 'slow', 'after'] as const).map((phase) => ({
      name: `availability ${phase === 'slow' ? 'on the slow network' : phase}`,
      metric: 'availability' as const,
      comparator: '>=' as const,
      threshold: 0.99,
      unit: 'ratio' as const,
      phase,
    })),
    {
      name: 'checkout p99 before',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 1_000,
      unit: 'ms',
      phase: 'before',
    },
    {
      name: 'checkout p99 on the slow network',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 4_000,
      unit: 'ms',
      phase: 'slow',
    },
    {
      name: 'product list p99 on the slow network',
      metric: 'latency.browse.p99',
      comparator: '<=',
      threshold: 2_000,
      unit: 'ms',
      phase: 'slow',
    },
    {
      name: 'checkout p99 after',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 1_000,
      unit: 'ms',
      phase: 'after',
    },
  ],
})
