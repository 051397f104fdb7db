import { defineScenario } from '../format/scenario.js'

/**
 * Someone forges the PSP's webhooks: for every PaymentIntent the platform creates, a
 * `payment_intent.succeeded` arrives that the PSP never sent, signed with a key that is not the
 * endpoint's secret. The PSP's answer to the authorisation is lost (the platform retries it with
 * its key after 2 s), so the forgery lands while the order still waits for it. With `webhook-signature` on, the platform refuses it (400
 * `WEBHOOK_SIGNATURE_INVALID`) and the order is paid only once its capture happened; with it
 * off, the platform believes it and marks the order paid with nothing captured.
 */
export default defineScenario({
  name: 'forged-webhook',
  description:
    'Forged payment_intent.succeeded webhooks; passes with webhook-signature on, pays orders without a capture with it off',
  teaches:
    "Someone forges `payment_intent.succeeded` webhooks, signed with a key that is not the endpoint's " +
    "secret, while the real authorisation's answer is held back. `webhook-signature` refuses them " +
    '(400 `WEBHOOK_SIGNATURE_INVALID`), so an order is paid only once its capture happened. A pass is ' +
    'the integrity checks alone: no order paid without a capture; with it off ' +
    '`integrity.paidWithoutCapture` fails the run.',
  rate: 5,
  exercises: ['webhook-signature'],
  phases: [
    {
      name: 'forged',
      durationMs: 4_000,
      faults: [
        {
          kind: 'vendor',
          target: 'psp',
          rule: {
            name: 'forge a success for every new intent',
            match: { eventType: 'payment_intent.created' },
            effect: { type: 'webhook-forge', as: 'payment_intent.succeeded' },
          },
        },
        {
          kind: 'vendor',
          target: 'psp',
          rule: {
            // The authorisation happens, its answer does not come: the platform's try times out
            // after 2 s and its retry gets the saved answer. The order waits in between.
            name: 'authorise, then hang the answer',
            match: { method: 'POST', path: '/v1/payment_intents' },
            effect: { type: 'ambiguous-success', then: 'hang' },
          },
        },
      ],
    },
  ],
  slos: [],
})
