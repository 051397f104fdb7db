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
