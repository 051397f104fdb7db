import { defineScenario } from '../format/scenario.js'

/**
 * 100 ms of latency on the platform's link to its database: every query of a checkout pays it,
 * so a checkout's handful of round trips turn into most of a second. On the embedded default the
 * database is PGlite served over the wire from its own process behind the `db` link (a game day
 * that faults that link gets it), which runs one transaction at a time: the slow phase is slower
 * there than on a real Postgres (`--db postgres://…` or DATABASE_URL), whose transactions overlap.
 */
export default defineScenario({
  name: 'db-latency',
  description: 'Database link gets 100 ms latency mid-run; the slow phase breaks its p99',
  teaches:
    "100 ms on the database link: every query of a checkout pays it, and a checkout's handful of " +
    'round trips turn into most of a second. No safeguard hides it, and the game day is meant to fail ' +
    '(exit 1); on the embedded PGlite it is slower than on a real Postgres, whose transactions ' +
    'overlap. A pass would need p99 ≤ 400 ms in the slow-db phase too: it breaks, while the phase ' +
    'before holds it and availability stays ≥ 99%.',
  rate: 5,
  phases: [
    { name: 'before', durationMs: 3_000 },
    {
      name: 'slow-db',
      durationMs: 4_000,
      faults: [
        {
          kind: 'toxic',
          target: 'db',
          toxic: { type: 'latency', stream: 'downstream', attributes: { latency: 100, jitter: 0 } },
        },
      ],
    },
    { name: 'after', durationMs: 3_000 },
  ],
  slos: [
    {
      name: 'p99 before',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 400,
      unit: 'ms',
      phase: 'before',
    },
    {
      name: 'p99 with a slow database',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 400,
      unit: 'ms',
      phase: 'slow-db',
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
