import { defineScenario } from '../format/scenario.js'

/**
 * The platform kills itself twice at the worst moments of a checkout, and is restarted a second
 * later each time: once after the PSP charged but before the charge was recorded, once after the
 * paid order was committed but before its OrderPaid was published. Shoppers retry once and give
 * up. The interrupted payment must still end paid (the reconciler's completer or the PSP's
 * webhook bring it back: no unresolved order, no charge without a paid order); with `outbox` on,
 * the OrderPaid was committed with the order and is relayed after the restart (no lost event).
 */
export default defineScenario({
  name: 'platform-crash',
  description:
    'Platform crashes after a PSP charge and after a commit; passes with outbox on, loses an event with it off',
  teaches:
    'The platform crashes at the two worst moments of a checkout: after the PSP charged but before ' +
    'the charge was recorded, and after the paid order was committed but before its OrderPaid was ' +
    "published. The reconciler's completer or the PSP's webhook finishes the interrupted payment, and " +
    '`outbox` commits OrderPaid with the order so that the relay publishes it after the restart. A ' +
    'pass: availability ≥ 99% before and after the restarts, no unresolved order or charge without an ' +
    'order, and no lost event; with `outbox` off `integrity.lostEvents` fails the run.',
  rate: 10,
  shopper: { retries: 1 },
  exercises: ['outbox', 'reconciler'],
  // What a crash leaves mid-payment, the reconciler finishes: give it time on a busy machine.
  settleMs: 15_000,
  phases: [
    { name: 'before', durationMs: 2_000 },
    {
      name: 'crash-mid-payment',
      durationMs: 4_000,
      faults: [
        { kind: 'process', target: 'platform', action: 'crash-at', step: 'after-psp-charge', forMs: 1_000 },
      ],
    },
    {
      // Longer than the first: on a busy machine the platform restarted after the first crash is
      // slow for seconds, and this crash needs a checkout to reach its commit.
      name: 'crash-after-commit',
      durationMs: 6_000,
      faults: [
        {
          kind: 'process',
          target: 'platform',
          action: 'crash-at',
          step: 'after-commit-before-publish',
          forMs: 1_000,
        },
      ],
    },
    // A restart takes 1–3 s here (more on a loaded machine), and the first seconds after it are
    // slow; the SLO below is judged once the platform has had time to come back.
    { name: 'recovering', durationMs: 3_000 },
    { name: 'after', durationMs: 3_000 },
  ],
  slos: [
    {
      name: 'availability before',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
      phase: 'before',
    },
    {
      name: 'availability after the restarts',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
      phase: 'after',
    },
  ],
})
