import { defineScenario } from '../format/scenario.js'

/**
 * Most shoppers only look: of every ten arrivals six read the product list, three a product page
 * and one checks out, at 60 journeys a second — 54 reads and 6 checkouts a second. Reads are cheap,
 * but every API request holds one of the platform's database connections until it answers
 * (`platform/http/connection-per-request.ts`), so a flood of them competes with checkouts for the
 * same pool of 20. The question is whether the checkouts notice.
 *
 * No fault and no safeguard switched: the run passes when checkout keeps the latency and
 * availability it has on its own (baseline's budgets) under the reads, and the reads stay fast.
 */
export default defineScenario({
  name: 'browse-heavy',
  description:
    'Read-heavy traffic (6 browse : 3 view : 1 checkout) at 60 journeys/s; checkouts keep their SLOs beside the reads',
  teaches:
    "Most traffic is reads, and reads share the checkout's resources: every API request holds a " +
    'database connection of the same pool until it answers. At 54 reads and 6 checkouts a second ' +
    'nothing is faulted; the lesson is whether cheap, plentiful reads crowd out the few requests ' +
    'that make money. A pass: checkout p99 ≤ 1 s and availability ≥ 99% in the steady phase, ' +
    'product list and product page p99 ≤ 300 ms, and integrity clean.',
  rate: 60,
  mix: { browse: 6, view: 3, checkout: 1 },
  exercises: [],
  phases: [
    { name: 'warm-up', durationMs: 3_000 },
    { name: 'steady', durationMs: 12_000 },
  ],
  slos: [
    {
      name: 'checkout p99 beside the reads',
      metric: 'latency.checkout.p99',
      comparator: '<=',
      threshold: 1_000,
      unit: 'ms',
      phase: 'steady',
    },
    {
      name: 'checkout availability beside the reads',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
      phase: 'steady',
    },
    {
      name: 'product list p99',
      metric: 'latency.browse.p99',
      comparator: '<=',
      threshold: 300,
      unit: 'ms',
      phase: 'steady',
    },
    {
      name: 'product page p99',
      metric: 'latency.view.p99',
      comparator: '<=',
      threshold: 300,
      unit: 'ms',
      phase: 'steady',
    },
  ],
})
