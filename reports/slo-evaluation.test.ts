import { describe, expect, it } from 'vitest'

import { measureRun } from './phase-reports.js'
import { evaluateSlos } from './slo-evaluation.js'
import { aBrowse, aCheckout, aRunRecord } from './testing/run-record-factory.js'
import type { RunRecord, SloSpec } from './types.js'

function twoPhaseRun(): RunRecord {
  const fast = [1, 2, 3, 4].map((n) => aCheckout(n, { phase: 'steady', latencyMs: 20 }))
  const slow = [5, 6].map((n) => aCheckout(n, { phase: 'outage', atMs: 10_000 + n, latencyMs: 900 }))
  const record = aRunRecord([...fast, ...slow])
  record.phases = [
    { name: 'steady', startMs: 0, endMs: 10_000, targetRate: 0.4, faults: [] },
    { name: 'outage', startMs: 10_000, endMs: 20_000, targetRate: 0.4, faults: [] },
    { name: 'quiesce', startMs: 20_000, endMs: 22_000, targetRate: 0, faults: [] },
  ]
  record.attempts[5]!.outcome = { type: 'info', reason: 'timeout' }
  return record
}

function judge(record: RunRecord, specs: SloSpec[]) {
  const measured = measureRun(record)
  return evaluateSlos(specs, measured.run, measured.byPhase)
}

describe('evaluateSlos', () => {
  it('judges a latency SLO over its own phase only', () => {
    const p99 = { name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 500, unit: 'ms' } as const
    const [steady, outage] = judge(twoPhaseRun(), [
      { ...p99, phase: 'steady' },
      { ...p99, phase: 'outage' },
    ])
    expect(steady).toMatchObject({ actual: 20, pass: true, phase: 'steady' })
    expect(outage).toMatchObject({ actual: 900, pass: false, phase: 'outage' })
  })

  it('judges availability and error rate over the whole run when no phase is named', () => {
    const [availability, errorRate] = judge(twoPhaseRun(), [
      { name: 'avail', metric: 'availability', comparator: '>=', threshold: 0.8, unit: 'ratio' },
      { name: 'errors', metric: 'errorRate', comparator: '<=', threshold: 0.1, unit: 'ratio' },
    ])
    expect(availability).toMatchObject({ actual: 0.833333, pass: true })
    expect(availability).not.toHaveProperty('phase')
    expect(errorRate).toMatchObject({ actual: 0.166667, pass: false })
  })

  it('counts a card decline as available and a timeout as not', () => {
    const record = twoPhaseRun()
    record.attempts[4]!.outcome = { type: 'fail', status: 402, code: 'card_declined' }
    const [outage] = judge(record, [
      { name: 'a', metric: 'availability', comparator: '>=', threshold: 0.5, unit: 'ratio', phase: 'outage' },
    ])
    expect(outage?.actual).toBe(0.5)
  })

  it('judges the achieved rate against the phase target', () => {
    const [ratio] = judge(twoPhaseRun(), [
      {
        name: 'rate',
        metric: 'achievedRateRatio',
        comparator: '>=',
        threshold: 0.9,
        unit: 'ratio',
        phase: 'steady',
      },
    ])
    expect(ratio).toMatchObject({ actual: 1, pass: true })
  })

  it('fails an SLO over a phase with no attempts, with actual absent and a reason', () => {
    const [quiet] = judge(twoPhaseRun(), [
      { name: 'q', metric: 'latency.p50', comparator: '<=', threshold: 100, unit: 'ms', phase: 'quiesce' },
    ])
    expect(quiet?.pass).toBe(false)
    expect(quiet).not.toHaveProperty('actual')
    expect(quiet?.reason).toContain('no checkouts were attempted')
  })

  it('fails an SLO over a phase that was never played', () => {
    const [missing] = judge(twoPhaseRun(), [
      { name: 'm', metric: 'availability', comparator: '>=', threshold: 0.9, unit: 'ratio', phase: 'nope' },
    ])
    expect(missing).toMatchObject({ pass: false, reason: 'no phase named "nope" was played' })
  })

  it('passes at exactly the threshold for both comparators', () => {
    const results = judge(twoPhaseRun(), [
      { name: 'le', metric: 'latency.max', comparator: '<=', threshold: 900, unit: 'ms' },
      { name: 'ge', metric: 'latency.max', comparator: '>=', threshold: 900, unit: 'ms' },
    ])
    expect(results.map((r) => r.pass)).toEqual([true, true])
  })
})

describe('evaluateSlos on browsing', () => {
  const browseUp = {
    name: 'browse up',
    metric: 'browse.availability',
    comparator: '>=',
    threshold: 0.9,
    unit: 'ratio',
  } as const
  const browseP99 = {
    name: 'browse p99',
    metric: 'browse.latency.p99',
    comparator: '<=',
    threshold: 100,
    unit: 'ms',
  } as const

  function browsingRun(): RunRecord {
    const record = twoPhaseRun()
    record.browses = [
      ...[1, 2, 3, 4].map((n) => aBrowse(n, { phase: 'steady', latencyMs: 8 })),
      ...[1, 2].map((n) => aBrowse(n, { phase: 'outage', atMs: 10_000 + n, latencyMs: 5_000, ok: n === 1 })),
    ]
    return record
  }

  it('judges browsing availability and p99 over each phase from the browsing requests alone', () => {
    const [steadyUp, outageUp, steadyP99, outageP99] = judge(browsingRun(), [
      { ...browseUp, phase: 'steady' },
      { ...browseUp, phase: 'outage' },
      { ...browseP99, phase: 'steady' },
      { ...browseP99, phase: 'outage' },
    ])
    expect(steadyUp).toMatchObject({ actual: 1, pass: true })
    expect(outageUp).toMatchObject({ actual: 0.5, pass: false })
    expect(steadyP99).toMatchObject({ actual: 8, pass: true })
    expect(outageP99).toMatchObject({ actual: 5_000, pass: false })
  })

  it('judges browsing over the whole run when no phase is named', () => {
    const [up] = judge(browsingRun(), [browseUp])
    expect(up).toMatchObject({ actual: 0.833333, pass: false })
    expect(up).not.toHaveProperty('phase')
  })

  it('leaves the checkout SLOs as they were: browsing never counts as a checkout', () => {
    const specs: SloSpec[] = [
      { name: 'a', metric: 'availability', comparator: '>=', threshold: 0.8, unit: 'ratio' },
      { name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 500, unit: 'ms', phase: 'steady' },
      {
        name: 'r',
        metric: 'achievedRateRatio',
        comparator: '>=',
        threshold: 0.9,
        unit: 'ratio',
        phase: 'steady',
      },
    ]
    expect(judge(browsingRun(), specs)).toEqual(judge(twoPhaseRun(), specs))
  })

  it('fails a browsing SLO with a reason when the run did not browse, or the phase had no browsing', () => {
    const [none] = judge(twoPhaseRun(), [browseUp])
    expect(none).toMatchObject({ pass: false, reason: expect.stringContaining('did not browse') })
    expect(none).not.toHaveProperty('actual')
    const [quiet] = judge(browsingRun(), [{ ...browseP99, phase: 'quiesce' }])
    expect(quiet).toMatchObject({
      pass: false,
      reason: 'no browsing requests were attempted in phase "quiesce"',
    })
  })
})
