import { defineScenario } from '../format/scenario.js'

/**
 * The proxy in front of the platform resets a third of the connections as the answer comes back:
 * the checkout happened, the shopper never heard, and retries with the same Idempotency-Key. With
 * `idempotency` on, the platform replays the first answer; with it off, every retry is a new order
 * and a new charge — duplicates per idempotency key, read from the PSP's ledger.
 */
export default defineScenario({
  name: 'client-retry',
  description:
    'Answers to shoppers lost on the way back; they retry with their key; duplicates only with idempotency off',
  teaches:
    'The answer to the shopper is lost on the way back (the proxy resets a third of the connections), ' +
    'so the shopper retries a checkout that already happened. `idempotency` stores each ' +
    "Idempotency-Key's answer and replays it to the retry. A pass: no duplicate charge per " +
    'idempotency key and availability ≥ 95%; with it off every retry is a new order and a new charge, ' +
    'and `integrity.duplicateCharges` fails the run.',
  rate: 10,
  shopper: { retries: 4, keepAlive: false },
  exercises: ['idempotency'],
  phases: [
    { name: 'before', durationMs: 1_000 },
    {
      name: 'lossy',
      durationMs: 5_000,
      faults: [
        {
          kind: 'toxic',
          target: 'platform',
          toxic: { type: 'reset_peer', stream: 'downstream', toxicity: 0.3, attributes: { timeout: 0 } },
        },
      ],
    },
    { name: 'after', durationMs: 1_000 },
  ],
  slos: [
    {
      name: 'availability at least 95%',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.95,
      unit: 'ratio',
    },
  ],
})
