import { describe, expect, it } from 'vitest'
import { xmlProblems } from '../../reports/testing/xml-well-formed.js'
import { probeChartSvg } from './probe-chart-svg.js'
import type { ProbeOutcome, StepResult } from './probe-types.js'

const slos = (p99: number, availability: number): StepResult['slos'] => [
  {
    name: 'p99 <&> 500',
    metric: 'latency.p99',
    comparator: '<=',
    threshold: 500,
    unit: 'ms',
    actual: p99,
    passed: p99 <= 500,
  },
  {
    name: 'availability',
    metric: 'availability',
    comparator: '>=',
    threshold: 0.99,
    unit: 'ratio',
    actual: availability,
    passed: availability >= 0.99,
  },
]
const step = (rate: number, p99: number, availability: number): StepResult => ({
  rate,
  passed: p99 <= 500 && availability >= 0.99,
  slos: slos(p99, availability),
  achievedRate: rate,
  latencyP99: p99,
  availability,
  integrityPassed: true,
})
const outcome: ProbeOutcome = {
  steps: [step(20, 120, 1), step(22, 180, 1), step(24.2, 640, 0.97)],
  maxPassingRate: 22,
  stopReason: 'slo-failed',
}

describe('probeChartSvg', () => {
  it('is well-formed XML', () => {
    expect(xmlProblems(probeChartSvg(outcome))).toEqual([])
  })

  it('marks every step in both panels, green where every SLO held and red where one broke', () => {
    const svg = probeChartSvg(outcome)
    const marks = svg.match(/<circle class="step"[^>]*>/g) ?? []
    expect(marks).toHaveLength(6)
    expect(marks.filter((m) => m.includes('fill="#54a24b"'))).toHaveLength(4)
    expect(marks.filter((m) => m.includes('fill="#e45756"'))).toHaveLength(2)
  })

  it('draws the SLO thresholds and marks the figure', () => {
    const svg = probeChartSvg(outcome)
    expect(svg.match(/<line class="slo"/g)).toHaveLength(2)
    expect(svg).toContain('class="figure"')
    expect(svg).toContain('max 22.0/s with every SLO held')
  })

  it('says so when no rate held every SLO', () => {
    const svg = probeChartSvg({ steps: [step(20, 900, 0.5)], stopReason: 'min-rate' })
    expect(xmlProblems(svg)).toEqual([])
    expect(svg).toContain('no rate held every SLO')
    expect(svg).not.toContain('class="figure"')
  })

  it('leaves a step without figures unmarked rather than drawn at zero', () => {
    const empty: StepResult = { rate: 5, passed: false, slos: [], achievedRate: 0, integrityPassed: true }
    const svg = probeChartSvg({ steps: [empty], stopReason: 'min-rate' })
    expect(svg).not.toContain('class="step"')
  })
})
