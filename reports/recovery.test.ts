import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { recoveryTimes } from './recovery.js'
import type { ClientAttempt, RunRecord } from './types.js'

/** 10 checkouts a second for `seconds`; `bad(ms)` says which fail. */
function record(seconds: number, bad: (startMs: number) => boolean): RunRecord {
  const attempts: ClientAttempt[] = []
  for (let ms = 0; ms < seconds * 1_000; ms += 100) {
    attempts.push({
      idempotencyKey: `k${ms}`,
      phase: ms < 2_000 ? 'before' : ms < 6_000 ? 'outage' : 'after',
      intendedStartMs: ms,
      endMs: ms + 50,
      latencyMs: 50,
      tries: 1,
      outcome: bad(ms)
        ? { type: 'fail', status: 503, code: 'PSP_CIRCUIT_OPEN' }
        : { type: 'ok', status: 201, orderId: `o${ms}`, orderStatus: 'paid' },
    })
  }
  const fault = { target: 'psp-app', kind: 'vendor:hang', params: {}, fromMs: 2_000, toMs: 6_000 }
  return {
    scenario: 'synthetic',
    seed: 1,
    startedAt: '2026-12-02T10:00:00.000Z',
    durationMs: seconds * 1_000,
    targetRate: 10,
    safeguards: {},
    phases: [
      { name: 'before', startMs: 0, endMs: 2_000, targetRate: 10, faults: [] },
      { name: 'outage', startMs: 2_000, endMs: 6_000, targetRate: 10, faults: [fault] },
      { name: 'after', startMs: 6_000, endMs: seconds * 1_000, targetRate: 10, faults: [] },
    ],
    slos: [],
    attempts,
    ledger: { skipped: 'synthetic' },
    orders: { skipped: 'synthetic' },
    faultsInjected: [fault],
  }
}

describe('recoveryTimes', () => {
  it('is the start of the first of three good seconds after the fault ends', () => {
    // Failing through the outage and 1.5 s after it: seconds 6 and 7 are bad, 8, 9, 10 good.
    const r = record(12, (ms) => ms >= 2_000 && ms < 7_500)
    expect(recoveryTimes(r)).toEqual([
      {
        target: 'psp-app',
        kind: 'vendor:hang',
        phase: 'outage',
        faultEndMs: 6_000,
        recoveredAtMs: 8_000,
        recoveryMs: 2_000,
      },
    ])
  })

  it('is 0 when the system is fine from the fault’s end on', () => {
    expect(recoveryTimes(record(10, (ms) => ms >= 2_000 && ms < 6_000))[0]?.recoveryMs).toBe(0)
  })

  it('is absent when the load ends before three good seconds, and fails a recovery.ms SLO', () => {
    const r = record(9, (ms) => ms >= 2_000 && ms < 7_500)
    expect(recoveryTimes(r)[0]).not.toHaveProperty('recoveryMs')
    r.slos = [
      { name: 'recovers in 3 s', metric: 'recovery.ms', comparator: '<=', threshold: 3_000, unit: 'ms' },
    ]
    const slo = analyze(r).slos[0]
    expect(slo).toMatchObject({ pass: false, reason: expect.stringContaining('had not recovered') })
  })

  it('judges with the scenario’s SLOs outside the faulted phases: a latency budget delays recovery', () => {
    const r = record(14, (ms) => ms >= 2_000 && ms < 6_000)
    for (const a of r.attempts) if (a.intendedStartMs >= 6_000 && a.intendedStartMs < 9_000) a.latencyMs = 900
    r.slos = [
      {
        name: 'p99 after',
        metric: 'latency.p99',
        comparator: '<=',
        threshold: 500,
        unit: 'ms',
        phase: 'after',
      },
      // Written for the outage itself: not a recovery criterion.
      {
        name: 'p99 outage',
        metric: 'latency.p99',
        comparator: '<=',
        threshold: 10,
        unit: 'ms',
        phase: 'outage',
      },
      { name: 'recovers in 4 s', metric: 'recovery.ms', comparator: '<=', threshold: 4_000, unit: 'ms' },
    ]
    const report = analyze(r)
    expect(report.recovery?.[0]?.recoveryMs).toBe(3_000)
    expect(report.slos.find((s) => s.metric === 'recovery.ms')).toMatchObject({ actual: 3_000, pass: true })
  })

  it('leaves a per-operation latency SLO out of the per-second judgement: it has no per-second figure', () => {
    const r = record(10, (ms) => ms >= 2_000 && ms < 6_000)
    r.slos = [
      {
        name: 'checkout request p99',
        metric: 'latency.checkout.p99',
        comparator: '<=',
        threshold: 500,
        unit: 'ms',
        phase: 'after',
      },
    ]
    expect(recoveryTimes(r)[0]?.recoveryMs).toBe(0)
  })
})
