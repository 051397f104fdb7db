import { defineScenario } from '../format/scenario.js'

/**
 * A sale opens: traffic ramps from 10 to 60 journeys a second over ten seconds and holds there.
 * The traffic is a shop's, not a checkout benchmark's: of every twelve arrivals five read the
 * product list, three a product page, one leaves an abandoned cart, two check out and one polls
 * the status of an order placed earlier — so at the peak the platform takes 10 checkouts a second
 * (a quarter of what the stack saturates at on a laptop) beside 40 reads and 5 abandoned carts.
 *
 * No fault: this is capacity. The open model keeps arrivals coming whether answers do or not, so
 * a platform that cannot keep up shows it as latency and queueing (k6's dropped iterations in
 * report.json's schedule), never as a politely lower load. The SLOs are per phase, for checkout
 * and the product list apart: reads are cheap, and a checkout's vendor calls must not make them
 * wait.
 */
export default defineScenario({
  name: 'peak-sale',
  description:
    'Traffic ramps 10 → 60 journeys/s (browse-heavy, with checkouts) and holds; checkout and browse p99 hold at the peak',
  teaches:
    'Capacity under a realistic ramp: a mix of reads, abandoned carts, checkouts and status polls ' +
    'rising six-fold to a peak and holding, in an open model that shows saturation as latency ' +
    'rather than as less load. No safeguard is switched or faulted; the lesson is the headroom, ' +
    'and where it runs out first. A pass: at the peak checkout p99 ≤ 1.5 s, product list p99 ≤ ' +
    '500 ms and at least 90% of the target rate achieved; checkout p99 ≤ 1 s in the warm-up; ' +
    'availability ≥ 99% over the run; integrity clean.',
  rate: 10,
  mix: { browse: 5, view: 3, cart: 1, checkout: 2, status: 1 },
  exercises: [],
  phases: [
    { name: 'warm-up', durationMs: 4_000 },
    {
      name: 'ramp',
      durationMs: 10_000,
      workloads: [
        {
          name: 'opening',
          executor: 'ramping-arrival-rate',
          startRate: 10,
          stages: [{ durationMs: 10_000, target: 60 }],
        },
      ],
    },
    {
      name: 'peak',
      durationMs: 6_000,
      workloads: [{ name: 'peak', executor: 'constant-arrival-rate', rate: 60 }],
    },
  ],
  slos: [
    {
      name: 'checkout p99 in the warm-up',
      metric: 'latency.checkout.p99',
      comparator: '<=',
      threshold: 1_000,
      unit: 'ms',
      phase: 'warm-up',
    },
    {
      name: 'checkout p99 at the peak',
      metric: 'latency.checkout.p99',
      comparator: '<=',
      threshold: 1_500,
      unit: 'ms',
      phase: 'peak',
    },
    {
      name: 'product list p99 at the peak',
      metric: 'latency.browse.p99',
      comparator: '<=',
      threshold: 500,
      unit: 'ms',
      phase: 'peak',
    },
    {
      name: 'target rate kept at the peak',
      metric: 'achievedRateRatio',
      comparator: '>=',
      threshold: 0.9,
      unit: 'ratio',
      phase: 'peak',
    },
    {
      name: 'availability at least 99%',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
    },
  ],
})
