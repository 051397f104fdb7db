import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { queueReport } from './queue-report.js'
import { aRunRecord } from './testing/run-record-factory.js'
import type { FaultRecord, QueueSample, RunRecord, SloSpec } from './types.js'

/** Readings every 250 ms from 0 to `untilMs`; `backlog(ms)` says what each read. */
function readings(untilMs: number, backlog: (atMs: number) => number): QueueSample[] {
  const samples: QueueSample[] = []
  for (let atMs = 0; atMs <= untilMs; atMs += 250) {
    const b = backlog(atMs)
    samples.push({ atMs, outboxPending: b, brokerPending: 0, backlog: b })
  }
  return samples
}

const slow: FaultRecord = {
  target: 'broker',
  kind: 'toxic:latency',
  params: { latency: 500 },
  fromMs: 2_000,
  toMs: 4_000,
}
const cut: FaultRecord = { target: 'broker', kind: 'link:down', params: {}, fromMs: 4_000, toMs: 7_000 }

/** A run of phases before 0–2 s, slow 2–4 s, cut 4–7 s, after 7–10 s, read until 12 s (the settle wait). */
function queueRun(backlog: (atMs: number) => number, faults: FaultRecord[] = [slow, cut]): RunRecord {
  const record = aRunRecord()
  record.phases = [
    { name: 'before', startMs: 0, endMs: 2_000, targetRate: 10, faults: [] },
    { name: 'slow', startMs: 2_000, endMs: 4_000, targetRate: 10, faults: faults.filter((f) => f === slow) },
    { name: 'cut', startMs: 4_000, endMs: 7_000, targetRate: 10, faults: faults.filter((f) => f === cut) },
    { name: 'after', startMs: 7_000, endMs: 10_000, targetRate: 10, faults: [] },
  ]
  record.durationMs = 10_000
  record.faultsInjected = faults
  record.queue = { samples: readings(12_000, backlog), consumed: 240 }
  return record
}

/** Grows from 2 s to a peak of 50 at 7 s, then drains 20 a second: empty at 9.5 s. */
const growThenDrain = (ms: number) =>
  ms < 2_000
    ? 0
    : ms <= 7_000
      ? Math.round((ms - 2_000) / 100)
      : Math.max(0, 50 - Math.round((ms - 7_000) / 50))

describe('queueReport', () => {
  it('finds the peak, the backlog at the end and the drain after the cut; the slow link drains with the cut', () => {
    const report = queueReport(queueRun(growThenDrain))
    expect(report).toMatchObject({ maxBacklog: 50, maxBacklogAtMs: 7_000, backlogAtEnd: 0, consumed: 240 })
    expect(report?.drains).toEqual([
      { target: 'broker', kind: 'toxic:latency', phase: 'slow', healedAtMs: 4_000, overtakenAtMs: 4_000 },
      {
        target: 'broker',
        kind: 'link:down',
        phase: 'cut',
        healedAtMs: 7_000,
        drainedAtMs: 9_500,
        drainMs: 2_500,
      },
    ])
    expect(report?.samples[0]).toEqual({ atMs: 0, backlog: 0 })
    expect(report?.samples).toHaveLength(49)
  })

  it('leaves the drain out when the backlog never empties before the run ends', () => {
    const report = queueRun((ms) => (ms < 2_000 ? 0 : 5))
    expect(queueReport(report)?.drains[1]).toEqual({
      target: 'broker',
      kind: 'link:down',
      phase: 'cut',
      healedAtMs: 7_000,
    })
    expect(queueReport(report)?.backlogAtEnd).toBe(5)
  })

  it('does not take an unknown broker backlog for an empty one', () => {
    const record = queueRun(growThenDrain, [cut])
    // The broker could not be asked at 9.5 s: the outbox alone was empty.
    const at = record.queue!.samples.find((s) => s.atMs === 9_500)!
    at.brokerPending = null
    expect(queueReport(record)?.drains[0]).toMatchObject({ drainedAtMs: 9_750, drainMs: 2_750 })
  })

  it('measures a slow link alone from its own end when no later fault overtakes it', () => {
    const record = queueRun((ms) => (ms >= 2_000 && ms < 5_000 ? 3 : 0), [slow])
    expect(queueReport(record)?.drains).toEqual([
      {
        target: 'broker',
        kind: 'toxic:latency',
        phase: 'slow',
        healedAtMs: 4_000,
        drainedAtMs: 5_000,
        drainMs: 1_000,
      },
    ])
  })

  it('has no drains when no fault hit the broker link, and no block at all without readings', () => {
    const psp: FaultRecord = { target: 'psp', kind: 'toxic:latency', params: {}, fromMs: 2_000, toMs: 4_000 }
    expect(queueReport(queueRun(() => 0, [psp]))?.drains).toEqual([])
    expect(queueReport(aRunRecord())).toBeUndefined()
    expect(queueReport({ ...aRunRecord(), queue: { samples: [], consumed: 0 } })).toBeUndefined()
  })
})

describe('the queue.drain.ms SLO', () => {
  const drain = (over: Partial<SloSpec> = {}): SloSpec => ({
    name: 'drains in 3 s',
    metric: 'queue.drain.ms',
    comparator: '<=',
    threshold: 3_000,
    unit: 'ms',
    ...over,
  })

  it('is the slowest drain of the run, or of the phase whose fault it is', () => {
    const record = queueRun(growThenDrain)
    record.slos = [drain(), drain({ phase: 'cut', threshold: 2_000 }), drain({ phase: 'slow' })]
    const [run, cutPhase, slowPhase] = analyze(record).slos
    expect(run).toMatchObject({ actual: 2_500, pass: true })
    expect(cutPhase).toMatchObject({ actual: 2_500, pass: false })
    expect(slowPhase).toMatchObject({ pass: false, reason: expect.stringContaining('drained with that one') })
    expect(slowPhase).not.toHaveProperty('actual')
  })

  it('fails a backlog that never drained, a run with no broker fault, and a run that read no queue', () => {
    const stuck = queueRun((ms) => (ms < 2_000 ? 0 : 5))
    stuck.slos = [drain()]
    expect(analyze(stuck).slos[0]).toMatchObject({
      pass: false,
      reason: 'the backlog of link:down on broker had not drained when the run ended',
    })
    const noFault = queueRun(() => 0, [])
    noFault.slos = [drain()]
    expect(analyze(noFault).slos[0]).toMatchObject({
      pass: false,
      reason: 'no fault hit the broker link in the run',
    })
    const noQueue = { ...aRunRecord(), slos: [drain()] }
    expect(analyze(noQueue).slos[0]).toMatchObject({
      pass: false,
      reason: expect.stringContaining('read no queue'),
    })
    expect(analyze(noQueue)).not.toHaveProperty('queue')
  })
})
