import { defineScenario } from '../format/scenario.js'

/**
 * The database goes away for 3 s and comes back, as in a failover: the `db` link is taken down —
 * every open connection closed, every new one refused — then restored. The platform answers 503
 * `DB_UNAVAILABLE` meanwhile (a checkout cut off after its PSP call is left for the reconciler),
 * its pool replaces the dead connections once the database answers again, and nothing is lost:
 * every order agrees with the PSP's ledger at the end. Time to recover is reported for the
 * failover; the `after` phase must be back to full availability.
 *
 * On the embedded default the database is PGlite served over the wire from its own process
 * behind the `db` link; with `--db postgres://…` it is the real server.
 */
export default defineScenario({
  name: 'db-failover',
  description:
    'Database link down 3 s (connections cut and refused), then back: the pool reconnects, nothing lost',
  teaches:
    'The database goes away for 3 s (open connections cut, new ones refused) and comes back, as in a ' +
    'failover. The platform answers 503 `DB_UNAVAILABLE` meanwhile, its pool reconnects afterwards, ' +
    'and `reconciler` repairs checkouts cut off after their PSP call. A pass: availability ≥ 99% ' +
    'before and ≥ 95% after the failover, recovery within 3 s, and every order in agreement with the ' +
    "PSP's ledger.",
  rate: 8,
  exercises: ['reconciler'],
  settleMs: 15_000,
  phases: [
    { name: 'before', durationMs: 3_000 },
    { name: 'failover', durationMs: 3_000, faults: [{ kind: 'link', target: 'db', action: 'down' }] },
    { name: 'after', durationMs: 5_000 },
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
      name: 'availability after the failover',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.95,
      unit: 'ratio',
      phase: 'after',
    },
    {
      name: 'recovered within 3 s of the failover',
      metric: 'recovery.ms',
      comparator: '<=',
      threshold: 3_000,
      unit: 'ms',
    },
  ],
})
