import { describe, expect, it } from 'vitest'
import type { StepResult } from './probe-types.js'
import { stepLine } from './step-line.js'

const base: StepResult = {
  rate: 13.3,
  passed: true,
  slos: [
    {
      name: 'p99 under 500 ms',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 500,
      unit: 'ms',
      actual: 412.3,
      passed: true,
    },
  ],
  achievedRate: 13.2,
  latencyP99: 412.3,
  availability: 1,
  integrityPassed: true,
}

describe('stepLine', () => {
  it('shows the rate, p99, availability and a tick when every SLO held', () => {
    expect(stepLine(base, 3)).toBe('step 3  13.3/s  p99 412 ms  availability 100%  ✓ all SLOs')
  })

  it('names the SLO that broke with its actual against its threshold', () => {
    const failed: StepResult = {
      ...base,
      passed: false,
      latencyP99: 612,
      slos: [{ ...base.slos[0]!, actual: 612, passed: false }],
    }
    expect(stepLine(failed, 4)).toContain('✗ p99 under 500 ms: 612 ms > 500 ms')
  })

  it('shows a failed integrity check apart from the SLOs', () => {
    expect(stepLine({ ...base, integrityPassed: false }, 1)).toMatch(
      /✓ all SLOs {2}! integrity checks failed/,
    )
  })
})
