import { defineScenario } from '../format/scenario.js'

/**
 * The platform is killed (SIGKILL: no shutdown hooks, transactions cut mid-flight) and restarted
 * a second later, while load keeps arriving. Requests during the gap are indeterminate; shoppers
 * retry with the same key, and the platform's idempotency keys let a retry finish a checkout the
 * crash interrupted instead of charging again.
 */
export default defineScenario({
  name: 'platform-restart',
  description: 'Platform SIGKILLed mid-run and restarted after 1 s; shoppers retry with their keys',
  teaches:
    'The platform is SIGKILLed and restarted a second later while load keeps arriving, so requests in ' +
    'the gap are indeterminate. Shoppers retry with their keys (up to six times); `idempotency` and ' +
    '`psp-idempotency` let a retry finish an interrupted checkout instead of charging again. A pass: ' +
    'availability ≥ 99% before and after the crash and ≥ 80% through it, and integrity clean (no ' +
    'duplicate charge, no lost order).',
  rate: 10,
  shopper: { retries: 6 },
  exercises: ['idempotency', 'psp-idempotency'],
  phases: [
    { name: 'before', durationMs: 3_000 },
    {
      name: 'crash',
      durationMs: 5_000,
      faults: [{ kind: 'process', target: 'platform', action: 'kill', atMs: 1_000, forMs: 1_000 }],
    },
    { name: 'after', durationMs: 4_000 },
  ],
  slos: [
    {
      name: 'availability before the crash',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
      phase: 'before',
    },
    {
      name: 'availability through the crash',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.8,
      unit: 'ratio',
      phase: 'crash',
    },
    {
      name: 'availability after the restart',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
      phase: 'after',
    },
  ],
})
