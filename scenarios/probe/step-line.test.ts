import { describe, expect, it } from 'vitest'
import { stepLine } from './step-line.js'
import { p99Step } from './probe-test-steps.js'

const base = p99Step(13.3, 412.3, { achievedRate: 13.2 })

describe('stepLine', () => {
  it('shows the rate, p99, availability and a tick when every SLO held', () => {
    expect(stepLine(base, 3)).toBe('step 3  13.3/s  p99 412 ms  availability 100%  ✓ all SLOs')
  })

  it('names the SLO that broke with its actual against its threshold', () => {
    expect(stepLine(p99Step(13.3, 612), 4)).toContain('✗ p99 under 500 ms: 612 ms > 500 ms')
  })

  it('shows a failed integrity check apart from the SLOs', () => {
    expect(stepLine({ ...base, integrityPassed: false }, 1)).toMatch(
      /✓ all SLOs {2}! integrity checks failed/,
    )
  })
})
