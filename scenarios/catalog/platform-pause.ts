import { defineScenario } from '../format/scenario.js'

/**
 * The platform is frozen with SIGSTOP for 1.5 s (a long GC pause, a CPU-starved container) and
 * resumed with SIGCONT. Nothing is lost — connections stay open — but everything that arrived
 * during the stall waits: the open-model driver charges that wait to latency, which is exactly
 * what a closed-loop load tool would hide.
 */
export default defineScenario({
  name: 'platform-pause',
  description: 'Platform frozen (SIGSTOP) for 1.5 s mid-run; the stall shows up as latency, nothing is lost',
  teaches:
    'A 1.5 s freeze (SIGSTOP, then SIGCONT, like a long GC pause): nothing is lost, but everything ' +
    'that arrived during the stall waits, and the open-model driver charges the wait to latency where ' +
    'a closed-loop tool would hide it. No safeguard is in play, and the game day is meant to fail ' +
    '(exit 1). A pass would need p99 ≤ 500 ms in the stall phase too: it breaks, while the phase ' +
    'before holds it, availability stays ≥ 99% and integrity stays clean.',
  rate: 10,
  phases: [
    { name: 'before', durationMs: 3_000 },
    {
      name: 'stall',
      durationMs: 4_000,
      faults: [{ kind: 'process', target: 'platform', action: 'pause', atMs: 1_000, forMs: 1_500 }],
    },
    { name: 'after', durationMs: 3_000 },
  ],
  slos: [
    {
      name: 'p99 before the stall',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 500,
      unit: 'ms',
      phase: 'before',
    },
    {
      name: 'p99 during the stall',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 500,
      unit: 'ms',
      phase: 'stall',
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
