import { defineScenario } from '../format/scenario.js'
import type { VendorFault } from '../format/scenario.js'

/** 15% of the PSP's PaymentIntent calls (authorise and capture) get no answer, ever. */
const hang: VendorFault = {
  kind: 'vendor',
  target: 'psp',
  rule: {
    name: 'PSP hangs on 15% of PaymentIntent calls',
    match: { method: 'POST', path: '/v1/payment_intents*', fraction: 0.15 },
    effect: { type: 'hang' },
  },
}

/**
 * The PSP hangs on 15% of its PaymentIntent calls. A hung request is not released when the fault
 * heals — the simulator holds it until its server closes the socket at the end of the run — so
 * only the caller's own timeout ends it. The draw is per journey, step and try: the platform's
 * retried try draws afresh, a shopper's retry of the checkout replays the same decisions.
 *
 * With `timeouts` on, a hung try is abandoned after 2 s and retried with the same key: a checkout
 * that met a hang finishes about 2 s late, and one fails only when both tries of a step hang
 * (about 2 × 0.15² ≈ 4.5%). With it off, a checkout whose call hangs (about 1 − 0.85² ≈ 28%) holds
 * until the shopper gives up (20 s here), and the shopper's retry finds the first still running
 * (409): the hang phase's availability and p90 latency SLOs fail.
 *
 * 15% keeps the circuit breaker closed with timeouts on (five failed calls in a row, each failing
 * at 0.15²), and without timeouts a hung call never fails at all, so it is the timeouts row being
 * tested. The fault holds through a `drain` phase without arrivals: on a busy machine checkouts
 * reach the PSP seconds after they arrive, and they must meet the hangs too.
 */
export default defineScenario({
  name: 'psp-hang',
  description: 'PSP hangs on 15% of calls; passes with timeouts on, holds checkouts with them off',
  teaches:
    "15% of the PSP's PaymentIntent calls never answer, and only the caller's own timeout ends a hung " +
    'request. `timeouts` abandons a try after 2 s and retries it with the same key, so a checkout ' +
    'that met a hang is about 2 s late instead of held; with it off it is held until the shopper ' +
    'gives up at 20 s. A pass: in the hang phase availability ≥ 90% and p90 ≤ 15 s, integrity clean.',
  rate: 5,
  exercises: ['timeouts'],
  // A patient shopper, so that the latency SLO tells a hung checkout (held for the whole 20 s)
  // from one slowed by a busy machine (seconds of queueing on a shared 2-core CI runner).
  shopper: { timeoutMs: 20_000 },
  phases: [
    { name: 'hang', durationMs: 10_000, faults: [hang] },
    { name: 'drain', durationMs: 10_000, rate: 0, faults: [hang] },
  ],
  slos: [
    {
      name: 'availability during the hangs at least 90%',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.9,
      unit: 'ratio',
      phase: 'hang',
    },
    // A hung try costs 2 s with timeouts on; without them it costs the shopper's whole 20 s.
    {
      name: 'p90 during the hangs under 15 s',
      metric: 'latency.p90',
      comparator: '<=',
      threshold: 15_000,
      unit: 'ms',
      phase: 'hang',
    },
  ],
})
