import { defineScenario } from '../format/scenario.js'
import type { VendorFault } from '../format/scenario.js'

/** 15% of the PSP's PaymentIntent calls (authorise and capture) answer 503 at its front door. */
const brownout: VendorFault = {
  kind: 'vendor',
  target: 'psp',
  rule: {
    name: 'PSP answers 503 to 15% of PaymentIntent calls',
    match: { method: 'POST', path: '/v1/payment_intents*', fraction: 0.15 },
    effect: { type: 'error', status: 503 },
  },
}

/**
 * The PSP browns out: 15% of its PaymentIntent calls answer 503 before anything is saved, so a
 * retry with the same key can succeed. The draw is per journey, step and try: the platform's
 * retried try draws afresh, while a shopper's retry of the checkout replays the same decisions.
 * With `retries` on, the platform retries a failed try once after 50 ms, and a checkout fails
 * only when both tries of a step fail (about 2 × 0.15² ≈ 4.5%). With it off, one failed try fails
 * the checkout (about 1 − 0.85² ≈ 28%): the brownout's availability SLO fails.
 *
 * 15% keeps the circuit breaker closed either way — it opens after five failed calls in a row
 * (0.15⁵ per call with retries off, 0.0225⁵ with them on) — so it is the retries row being
 * tested. The fault holds through a `drain` phase without arrivals: on a busy machine checkouts
 * reach the PSP seconds after they arrive, and they must meet the brownout too.
 */
export default defineScenario({
  name: 'psp-brownout',
  description: '15% of PSP calls answer 503; passes with retries on, fails checkouts with them off',
  teaches:
    "15% of the PSP's PaymentIntent calls answer 503 before anything is saved: transient failures a " +
    'retry gets through. `retries` retries a failed try once after 50 ms with the same key, so a ' +
    'checkout fails only when both tries fail (about 4.5%) rather than when one does (about 28%). A ' +
    'pass: availability ≥ 90% during the brownout, integrity clean; with it off the availability SLO ' +
    'fails.',
  rate: 5,
  exercises: ['retries'],
  phases: [
    { name: 'brownout', durationMs: 10_000, faults: [brownout] },
    { name: 'drain', durationMs: 10_000, rate: 0, faults: [brownout] },
  ],
  slos: [
    {
      name: 'availability during the brownout at least 90%',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.9,
      unit: 'ratio',
      phase: 'brownout',
    },
  ],
})
