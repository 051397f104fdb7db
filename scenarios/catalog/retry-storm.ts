import { defineScenario } from '../format/scenario.js'

/**
 * Aggressive clients meet a slow, flaky PSP. For the `storm` phase the PSP link gets 700 ± 200 ms
 * of latency (each PaymentIntent call, authorise and capture, pays it: a checkout takes 1.5–2 s)
 * and 10% of its PaymentIntent calls answer 503. The shoppers make it worse: three in ten are
 * impatient and send their checkout again, same key, when it has not answered after 300 ms (a
 * double click); every shopper gives up on an answer after 2 s and retries up to three times; and
 * one in ten has an app that retries with a fresh Idempotency-Key. Each retry is another request
 * on a platform already slowed: the retry storm.
 *
 * With `idempotency` on, a same-key resend while the first is running is refused (409) and a
 * later one replays the first answer, so the platform never charges one key twice; the
 * platform's own PSP retries carry `psp-idempotency`'s key; shoppers back off between retries
 * (200 ms doubling to 1 s); 10% keeps the PSP breaker closed (five failed calls in a row, each
 * failing at 0.1² after its retry). A fresh-key
 * retry is a new checkout as far as anyone can tell: when its first did go through, the shopper
 * is charged twice, and report.json counts it apart (`integrity.clientCausedDuplicates`) — the
 * client's defect, which does not fail the run.
 *
 * The storm's own availability is not judged (shoppers who gave up count against it, as they
 * should); the run passes when the phase before holds, availability is back once the PSP is, and
 * every integrity check holds.
 */
export default defineScenario({
  name: 'retry-storm',
  description:
    'Impatient shoppers and fresh-key retries against a slow, flaky PSP; nothing charged twice under one key, availability back after',
  teaches:
    'Clients that retry hard turn a slow vendor into more load: double clicks after 300 ms, a 2 s ' +
    'timeout with three retries, and one app in ten minting a fresh Idempotency-Key per retry, while ' +
    'the PSP is slow and answers 503 to 10% of calls. `idempotency` refuses or replays same-key ' +
    "resends, `psp-idempotency` keeps the platform's own PSP retries to one charge, the shoppers' " +
    'backoff spaces their retries, and the breaker stays shut because the PSP is slow, not down. A ' +
    'pass: no checkout charged twice under one key (`integrity.duplicateCharges` 0), availability ≥ ' +
    '99% before and ≥ 95% after the storm, recovery within 5 s; duplicates from fresh keys are ' +
    'reported apart (`integrity.clientCausedDuplicates`) and do not fail the run.',
  rate: 8,
  shopper: { retries: 3, timeoutMs: 2_000 },
  population: { size: 500, impatient: 0.3, impatientAfterMs: 300, freshKeyRetry: 0.1 },
  exercises: ['idempotency', 'psp-idempotency', 'retries', 'circuit-breaker'],
  // Checkouts the storm left at `order_created` are finished by the completer after the load.
  settleMs: 12_000,
  phases: [
    { name: 'calm', durationMs: 4_000 },
    {
      name: 'storm',
      durationMs: 8_000,
      faults: [
        {
          kind: 'toxic',
          target: 'psp',
          toxic: { type: 'latency', stream: 'downstream', attributes: { latency: 700, jitter: 200 } },
        },
        {
          kind: 'vendor',
          target: 'psp',
          rule: {
            name: 'PSP answers 503 to 10% of PaymentIntent calls',
            match: { method: 'POST', path: '/v1/payment_intents*', fraction: 0.1 },
            effect: { type: 'error', status: 503 },
          },
        },
      ],
    },
    // Long enough to judge recovery on three good seconds after the retries in flight drain.
    { name: 'after', durationMs: 8_000 },
  ],
  slos: [
    {
      name: 'availability before the storm',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
      phase: 'calm',
    },
    {
      name: 'availability after the storm',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.95,
      unit: 'ratio',
      phase: 'after',
    },
    {
      name: 'recovers within 5 s of the storm',
      metric: 'recovery.ms',
      comparator: '<=',
      threshold: 5_000,
      unit: 'ms',
    },
  ],
})
