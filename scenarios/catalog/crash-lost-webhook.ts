import { defineScenario } from '../format/scenario.js'

/**
 * The platform kills itself right after the PSP captured a payment and before it recorded it,
 * while the PSP's webhooks are lost and the shoppers do not retry: nothing but the reconciler
 * can learn that the money moved. With `reconciler` on, its pass lists the PaymentIntents,
 * finds one captured for an order still `authorized`, and records the capture (the order ends
 * paid, the repair is in report.json's `reconciliation`). With it off, the order is still
 * authorised at the end with its money taken: unresolved.
 */
export default defineScenario({
  name: 'crash-lost-webhook',
  description:
    'Crash after a PSP capture while webhooks are lost; passes with reconciler on, leaves the order unresolved with it off',
  teaches:
    "A crash right after the PSP captured, while the PSP's webhooks are lost and shoppers do not " +
    'retry: nothing but the reconciler can learn that the money moved. `reconciler` lists the ' +
    'PaymentIntents, finds one captured for an order still authorised and records the capture ' +
    "(report.json's `reconciliation`). A pass is the integrity checks alone (no SLOs): no unresolved " +
    'order, no charge without an order; with it off the order is left unresolved.',
  rate: 10,
  shopper: { retries: 0 },
  exercises: ['reconciler'],
  // The reconciler waits 5 s before it touches an order a live saga might still move.
  settleMs: 12_000,
  // One phase, so the webhooks stay lost without a gap between phases.
  phases: [
    {
      name: 'lossy',
      durationMs: 8_000,
      faults: [
        { kind: 'vendor', target: 'psp', rule: { name: 'webhooks lost', effect: { type: 'webhook-drop' } } },
        {
          kind: 'process',
          target: 'platform',
          action: 'crash-at',
          step: 'after-psp-charge',
          atMs: 2_000,
          forMs: 1_000,
        },
      ],
    },
  ],
  slos: [],
})
