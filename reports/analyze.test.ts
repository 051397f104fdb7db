import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { aBrowse, aCheckout, aRunRecord, isoAt, ledgerOf } from './testing/run-record-factory.js'

describe('analyze', () => {
  it('passes a correct run whose SLOs hold', () => {
    const record = aRunRecord()
    record.slos = [{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 100, unit: 'ms' }]
    const report = analyze(record)
    expect(report).toMatchObject({
      schemaVersion: 1,
      scenario: 'synthetic',
      seed: 42,
      verdict: 'pass',
      load: {
        checkoutsAttempted: 3,
        checkoutsSucceeded: 3,
        checkoutsFailed: 0,
        targetRate: 10,
        achievedRate: 0.3,
      },
      latencyMs: { p50: 50, p99: 50, max: 50 },
    })
    expect(report.latencyMethod).toMatch(/HDR histogram.*intended start.*no coordinated omission/)
  })

  it('reports browsing for the run and each phase beside the checkouts, never among them', () => {
    const record = aRunRecord()
    record.browses = [1, 2, 3].map((n) => aBrowse(n, { ok: n !== 3, latencyMs: 10 }))
    const report = analyze(record)
    expect(report.browsing).toEqual({
      attempted: 3,
      succeeded: 2,
      failed: 1,
      availability: 0.666667,
      latency: { p50: 10, p95: 10, p99: 10, max: 10 },
    })
    expect(report.phases.map((p) => p.browsing?.attempted)).toEqual([3, 0])
    expect(report.phases[1]?.browsing).toEqual({ attempted: 0, succeeded: 0, failed: 0 })
    const { browsing: _run, phases, ...checkout } = report
    const plain = analyze(aRunRecord())
    const { phases: plainPhases, ...plainCheckout } = plain
    expect(checkout).toEqual(plainCheckout)
    expect(phases.map(({ browsing: _b, ...p }) => p)).toEqual(plainPhases)
  })

  it('leaves browsing out of a run that did not browse', () => {
    const report = analyze(aRunRecord())
    expect(report).not.toHaveProperty('browsing')
    expect(report.phases.some((p) => 'browsing' in p)).toBe(false)
  })

  it('fails the verdict when an SLO fails', () => {
    const record = aRunRecord()
    record.slos = [{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 10, unit: 'ms' }]
    expect(analyze(record).verdict).toBe('fail')
  })

  it('measures but does not judge the SLOs of a record marked slosJudged: false (--no-slos)', () => {
    const record = aRunRecord()
    record.slos = [{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 10, unit: 'ms' }]
    record.slosJudged = false
    const report = analyze(record)
    expect(report).toMatchObject({ verdict: 'pass', slosJudged: false, slos: [{ name: 'p99', pass: false }] })
    // Integrity still decides: a duplicate charge fails the run with or without SLOs.
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 'ch_1b', paymentIntentId: 'pi_1b', createdAt: isoAt(500) })
    expect(analyze(record).verdict).toBe('fail')
    expect(analyze(aRunRecord())).not.toHaveProperty('slosJudged')
  })

  it('fails the verdict when an integrity check fails', () => {
    const record = aRunRecord()
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 'ch_1b', paymentIntentId: 'pi_1b', createdAt: isoAt(500) })
    const report = analyze(record)
    expect(report.verdict).toBe('fail')
    expect(report.integrity.duplicateCharges).toBe(1)
  })

  it('counts successes, failures and indeterminate attempts, and leaves figures of an empty phase absent', () => {
    const record = aRunRecord()
    record.attempts[1]!.outcome = { type: 'fail', status: 402, code: 'card_declined' }
    record.attempts[2]!.outcome = { type: 'info', reason: 'timeout' }
    const report = analyze(record)
    expect(report.load).toMatchObject({ checkoutsAttempted: 3, checkoutsSucceeded: 1, checkoutsFailed: 2 })
    const [steady, quiesce] = report.phases
    expect(steady?.availability).toBe(0.666667)
    expect(quiesce).not.toHaveProperty('availability')
    expect(quiesce).not.toHaveProperty('latencyMs')
    expect(quiesce?.load.checkoutsAttempted).toBe(0)
  })

  it('computes the achieved rate over the load phases only', () => {
    const checkouts = Array.from({ length: 50 }, (_, i) => aCheckout(i + 1, { atMs: i * 200 }))
    const report = analyze(aRunRecord(checkouts))
    expect(report.load.achievedRate).toBe(5)
  })

  it('leaves reconciliation absent rather than inventing one', () => {
    expect(analyze(aRunRecord())).not.toHaveProperty('reconciliation')
  })

  it('returns the same report for the same record', () => {
    const record = aRunRecord()
    expect(JSON.stringify(analyze(record))).toBe(JSON.stringify(analyze(structuredClone(record))))
  })

  it('writes every figure as a number, never a string', () => {
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
        throw new Error(`numeric string at ${path}`)
      if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`)
    }
    expect(() => walk(analyze(aRunRecord()), 'report')).not.toThrow()
  })
})

describe('analyze of an interrupted run', () => {
  it('says so in report.json, and only then', () => {
    expect(analyze({ ...aRunRecord(), interrupted: true }).interrupted).toBe(true)
    expect('interrupted' in analyze(aRunRecord())).toBe(false)
  })
})
