import { defineScenario } from '../format/scenario.js'

/**
 * The PSP delivers every webhook three times (at-least-once delivery, as Stripe documents).
 * With `webhook-dedupe` on, the platform processes each event id once; with it off, it processes
 * every copy — the check reads how often each event was processed from the platform.
 */
export default defineScenario({
  name: 'duplicate-webhooks',
  description: 'PSP sends every webhook 3 times; passes with webhook-dedupe on, processes copies with it off',
  teaches:
    'The PSP delivers every webhook three times, as at-least-once delivery allows. `webhook-dedupe` ' +
    'processes each event id once and answers the copies `duplicate`. A pass: no webhook processed ' +
    'twice (`integrity.webhooksProcessedTwice`) and availability ≥ 99%; with it off every copy is ' +
    'processed and the run fails.',
  rate: 10,
  exercises: ['webhook-dedupe'],
  phases: [
    {
      name: 'redelivery',
      durationMs: 5_000,
      faults: [
        {
          kind: 'vendor',
          target: 'psp',
          rule: { name: 'every webhook thrice', effect: { type: 'webhook-duplicate', copies: 3 } },
        },
      ],
    },
  ],
  slos: [
    {
      name: 'availability at least 99%',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
    },
  ],
})
