import type { StepResult } from './probe-types.js'

/**
 * A step the probe's tests play with: offered `rate`, judged by one SLO, p99 ≤ 500 ms, that
 * held or broke on `p99`; availability 1, integrity held. `sloName` renames the SLO; the rest
 * overrides the step.
 * @example p99Step(22, 700) // { rate: 22, passed: false, slos: [{ …, actual: 700, passed: false }], … }
 */
export function p99Step(
  rate: number,
  p99: number,
  { sloName = 'p99 under 500 ms', ...overrides }: Partial<StepResult> & { sloName?: string } = {},
): StepResult {
  const passed = p99 <= 500
  return {
    rate,
    passed,
    slos: [
      {
        name: sloName,
        metric: 'latency.p99',
        comparator: '<=',
        threshold: 500,
        unit: 'ms',
        actual: p99,
        passed,
      },
    ],
    achievedRate: rate,
    latencyP99: p99,
    availability: 1,
    integrityPassed: true,
    ...overrides,
  }
}
