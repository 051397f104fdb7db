import { describe, expect, it } from 'vitest'
import { probeDocument } from './probe-document.js'
import { probeMarkdown } from './probe-markdown.js'
import { p99Step } from './probe-test-steps.js'

const step = (rate: number, passed: boolean) =>
  p99Step(rate, passed ? 100 : 700, { sloName: 'p99 | tail', integrityPassed: rate !== 22 })

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
