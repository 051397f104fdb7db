import { describe, expect, it } from 'vitest'
import { probeDocument } from './probe-document.js'
import { probeMarkdown } from './probe-markdown.js'
import type { StepResult } from './probe-types.js'

const step = (rate: number, passed: boolean): StepResult => ({
  rate,
  passed,
  slos: [
    {
      name: 'p99 | tail',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 500,
      unit: 'ms',
      actual: passed ? 100 : 700,
      passed,
    },
  ],
  achievedRate: rate,
  latencyP99: passed ? 100 : 700,
  availability: 1,
  integrityPassed: rate !== 22,
})

describe('probeMarkdown', () => {
  const document = probeDocument(
    {
      steps: [step(20, true), step(22, true), step(24.2, false)],
      maxPassingRate: 22,
      stopReason: 'slo-failed',
    },
    { scenario: 'baseline', seed: 7, stepDurationMs: 10_000 },
  )

  it('leads with the figure and says it is about SLOs', () => {
    const md = probeMarkdown(document)
    expect(md).toContain('**max rate with every SLO held: 22.0 journeys/s**')
    expect(md).toContain('integrity checks are recorded per step')
  })

  it('has a row per step, the broken SLO named, integrity apart, and the chart', () => {
    const md = probeMarkdown(document)
    const rows = md.split('\n').filter((line) => /^\| \d/.test(line))
    expect(rows).toHaveLength(3)
    expect(rows[1]).toMatch(/✓ all held \| ✗ \|$/)
    expect(rows[2]).toContain('✗ p99 \\| tail: 700 ms > 500 ms')
    expect(md).toContain('](probe.svg)')
  })
})
