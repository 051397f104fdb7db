import { defineScenario } from '../format/scenario.js'

/**
 * The PSP's webhooks arrive late — 2 s at the median, up to ~6 s — while a third of its
 * PaymentIntent answers (authorise and capture) are lost after the work was done, and shoppers
 * do not retry. The platform retries each lost answer once with its PSP key (`psp-idempotency`),
 * which settles most checkouts; when both tries of a step lose their answer (about one step in
 * nine) the checkout answers the shopper 5xx and its order waits at `payment_pending` with the
 * money authorised or captured at the PSP. Whatever finishes it comes late: the delayed
 * `payment_intent.succeeded` webhook (after a capture), the completer (a checkout stalled 2 s is
 * resumed with the same PSP key, which replays) or the reconciler's pass (which records or
 * completes what the PSP did). Shoppers poll order statuses meanwhile, and see them move.
 *
 * The phase's own availability is not judged (an answer lost twice is a 5xx the shopper sees);
 * the run passes when every order ends consistent with the PSP's ledger after the settle wait —
 * none lost, none unresolved, none paid twice or paid without a capture — and the phases either
 * side hold their availability.
 */
export default defineScenario({
  name: 'webhook-delay',
  description:
    'PSP webhooks delayed ~2–6 s while its answers are lost; completer, reconciler and late webhooks leave every order consistent',
  teaches:
    "When the PSP's answer is lost and its webhook comes seconds late, the order sits at " +
    '`payment_pending` with money moved at the PSP: the platform must finish it by whichever path ' +
    'comes first (the late webhook, the completer resuming with the same PSP key, the reconciler ' +
    'pass) and by no path twice. `reconciler` and `psp-idempotency` do that; shoppers polling ' +
    'order status see the order move. A pass: after the settle wait no order is unresolved, lost, ' +
    'charged twice or paid without a capture, availability ≥ 99% before and ≥ 95% after, order ' +
    'status p99 ≤ 500 ms.',
  rate: 8,
  mix: { checkout: 3, status: 2 },
  shopper: { retries: 0 },
  exercises: ['reconciler', 'psp-idempotency'],
  // Webhooks up to ~6 s late, then the reconciler's 5 s wait before it touches an order.
  settleMs: 15_000,
  phases: [
    { name: 'before', durationMs: 3_000 },
    {
      name: 'late',
      durationMs: 8_000,
      faults: [
        {
          kind: 'vendor',
          target: 'psp',
          rule: {
            name: 'webhooks late',
            effect: {
              type: 'webhook-delay',
              distribution: { type: 'lognormal', medianMs: 2_000, p99Ms: 6_000 },
            },
          },
        },
        {
          kind: 'vendor',
          target: 'psp',
          rule: {
            name: 'do the work, then drop a third of the answers',
            match: { method: 'POST', path: '/v1/payment_intents*', fraction: 0.33 },
            effect: { type: 'ambiguous-success', then: 'drop' },
          },
        },
      ],
    },
    { name: 'after', durationMs: 4_000 },
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
      name: 'availability after',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.95,
      unit: 'ratio',
      phase: 'after',
    },
    {
      name: 'order status p99 under 500 ms',
      metric: 'latency.status.p99',
      comparator: '<=',
      threshold: 500,
      unit: 'ms',
    },
  ],
})
