import { describe, expect, it } from 'vitest'
import { resolveScenario } from '../format/resolve-scenario.js'
import { buildRunRecord, type RunFacts } from './run-record.js'

const plan = resolveScenario({
  name: 'two-phases',
  description: 'd',
  rate: 10,
  phases: [
    { name: 'calm', durationMs: 1_000 },
    { name: 'storm', durationMs: 1_000, rate: 30 },
  ],
  slos: [{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 500, unit: 'ms' }],
})

const facts = (over: Partial<RunFacts> = {}): RunFacts => ({
  plan,
  safeguards: { idempotency: true },
  judgeSlos: true,
  startedAt: '2026-12-02T10:00:00.000Z',
  durationMs: 2_000,
  interrupted: false,
  attempts: [],
  truth: { ledger: [], orders: [], inventory: [], publishedEvents: [], webhooks: { skipped: 'not read' } },
  faults: [
    { target: 'psp', kind: 'toxic:latency', params: {}, fromMs: 1_010, toMs: 2_000 },
    { target: 'psp', kind: 'toxic:latency', params: {}, fromMs: 3, toMs: 900 },
    // Applied late in the first phase: counted there alone, never in the next too.
    { target: 'platform', kind: 'toxic:reset_peer', params: {}, fromMs: 980, toMs: 1_000 },
  ],
  ...over,
})

describe('buildRunRecord', () => {
  it('lays out the phases with their faults and the average target rate', () => {
    const record = buildRunRecord(facts())
    expect(record.phases.map((p) => [p.name, p.startMs, p.endMs, p.targetRate, p.faults.length])).toEqual([
      ['calm', 0, 1_000, 10, 2],
      ['storm', 1_000, 2_000, 30, 1],
    ])
    expect(record.targetRate).toBe(20)
    expect(record.interrupted).toBeUndefined()
    expect(record.webhooks).toEqual({ skipped: 'not read' })
    expect(record.slos).toBe(plan.scenario.slos)
  })

  it('carries the queue’s readings when there were some, and no queue when there were none', () => {
    const queue = {
      samples: [{ atMs: 250, outboxPending: 2, brokerPending: null, backlog: 2 }],
      consumed: 7,
    }
    expect(buildRunRecord(facts({ queue })).queue).toBe(queue)
    expect(buildRunRecord(facts())).not.toHaveProperty('queue')
  })

  it('cuts an interrupted run where the load stopped, leaving out the phases that never started', () => {
    const record = buildRunRecord(facts({ interrupted: true, durationMs: 500 }))
    expect(record.interrupted).toBe(true)
    expect(record.phases.map((p) => [p.name, p.endMs])).toEqual([['calm', 500]])
    expect(record.targetRate).toBe(10)
  })
})
