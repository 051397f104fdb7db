import type { QueueDrain, QueueReport } from './report.js'
import type { FaultRecord, QueueSample, RunRecord } from './types.js'

/** The proxy link between the platform's outbox relay (and consumer) and the broker. */
export const BROKER_LINK = 'broker'

/**
 * report.json's `queue`: the message backlog's peak, where it ended, and — per fault on the
 * `broker` link — how long the backlog took to drain once the fault was healed. Absent when the
 * run took no reading (a platform without a queue board answers 404 and leaves none).
 *
 * A drain is the first reading at or after the fault's end with a backlog of 0 while the broker
 * answered (`brokerPending` not null: an unknown broker backlog is not an empty one). Readings are
 * stamped when they were asked for, so a reading after the heal reflects the state after it.
 * When another broker fault that is healed later began before the backlog drained (a slow link
 * then a cut), the backlog drains with that fault's: this one gets `overtakenAtMs` and no drain,
 * so the cut's own length is never counted as the slow link's drain.
 *
 * @example queueReport(record)?.drains // [{ target: 'broker', kind: 'link:down', phase: 'cut', healedAtMs: 9000, drainedAtMs: 10250, drainMs: 1250 }]
 */
export function queueReport(record: RunRecord): QueueReport | undefined {
  const samples = record.queue?.samples ?? []
  const first = samples[0]
  const last = samples.at(-1)
  if (!record.queue || first === undefined || last === undefined) return undefined
  const peak = samples.reduce((max, s) => (s.backlog > max.backlog ? s : max), first)
  const faults = record.faultsInjected.filter((f) => f.target === BROKER_LINK)
  return {
    maxBacklog: peak.backlog,
    maxBacklogAtMs: Math.round(peak.atMs),
    backlogAtEnd: last.backlog,
    consumed: record.queue.consumed,
    drains: faults.map((fault) => drainOf(fault, faults, samples, record)),
    samples: samples.map((s) => ({ atMs: Math.round(s.atMs), backlog: s.backlog })),
  }
}

function drainOf(
  fault: FaultRecord,
  faults: readonly FaultRecord[],
  samples: readonly QueueSample[],
  record: RunRecord,
): QueueDrain {
  // The phase it was applied in (a timer may fire a few ms early, as run-record.ts allows).
  const phase = record.phases.findLast((p) => p.startMs <= fault.fromMs + 5)?.name
  const base = {
    target: fault.target,
    kind: fault.kind,
    ...(phase === undefined ? {} : { phase }),
    healedAtMs: Math.round(fault.toMs),
  }
  const drained = samples.find((s) => s.atMs >= fault.toMs && s.backlog === 0 && s.brokerPending !== null)
  const drainedAt = drained?.atMs ?? Number.POSITIVE_INFINITY
  const overtaker = faults
    .filter((other) => other !== fault && other.toMs > fault.toMs && other.fromMs < drainedAt)
    .sort((a, b) => a.fromMs - b.fromMs)[0]
  if (overtaker) return { ...base, overtakenAtMs: Math.round(Math.max(overtaker.fromMs, fault.toMs)) }
  if (!drained) return base
  return {
    ...base,
    drainedAtMs: Math.round(drained.atMs),
    drainMs: Math.max(0, Math.round(drained.atMs - fault.toMs)),
  }
}
