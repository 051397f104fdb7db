import type { JourneyFigures, LoadFigures, OperationFigures, ScheduleFigures } from '../../reports/types.js'
import { LatencyRecorder, roundMs } from './latency-recorder.js'

/** Counters and a latency histogram of one HTTP operation or one journey kind. */
export class OutcomeStats {
  /** Operations attempted, or journeys that arrived (started). */
  count = 0
  ok = 0
  fail = 0
  indeterminate = 0
  /** Made on the first latency, so an operation a phase never sent costs nothing. */
  latency: LatencyRecorder | undefined

  end(outcome: 'ok' | 'fail' | 'info', latencyMs: number): void {
    if (outcome === 'ok') this.ok++
    else if (outcome === 'fail') this.fail++
    else this.indeterminate++
    ;(this.latency ??= new LatencyRecorder()).record(latencyMs)
  }

  add(other: OutcomeStats): void {
    this.count += other.count
    this.ok += other.ok
    this.fail += other.fail
    this.indeterminate += other.indeterminate
    if (other.latency) (this.latency ??= new LatencyRecorder()).add(other.latency)
  }

  operationFigures(): OperationFigures {
    return { attempted: this.count, ...this.outcomes() }
  }

  journeyFigures(): JourneyFigures {
    return { arrivals: this.count, ...this.outcomes() }
  }

  /** What both figures share: the outcome counts, and the latency once one was recorded. */
  private outcomes(): Omit<OperationFigures, 'attempted'> {
    const latencyMs = this.latency?.figures()
    return {
      ok: this.ok,
      fail: this.fail,
      indeterminate: this.indeterminate,
      ...(latencyMs ? { latencyMs } : {}),
    }
  }
}

/** How well the schedule was kept: arrivals asked for, started, dropped, and the send lag. */
export class ScheduleStats {
  scheduled = 0
  started = 0
  dropped = 0
  readonly lag = new LatencyRecorder()

  add(other: ScheduleStats): void {
    this.scheduled += other.scheduled
    this.started += other.started
    this.dropped += other.dropped
    this.lag.add(other.lag)
  }

  figures(): ScheduleFigures {
    return {
      scheduled: this.scheduled,
      started: this.started,
      dropped: this.dropped,
      ...(this.lag.count > 0
        ? {
            lagMs: {
              p50: this.lag.percentileMs(50),
              p99: this.lag.percentileMs(99),
              max: roundMs(this.lag.maxMs),
            },
          }
        : {}),
    }
  }
}

/**
 * One phase's figures. Only phases record; the run's figures are their sum, made once at the end,
 * so each operation costs one histogram write, not two.
 */
export class PhaseMetrics {
  readonly operations = new Map<string, OutcomeStats>()
  readonly journeys = new Map<string, OutcomeStats>()
  readonly schedule = new ScheduleStats()

  constructor(readonly name: string) {}

  operation(name: string): OutcomeStats {
    let stats = this.operations.get(name)
    if (!stats) this.operations.set(name, (stats = new OutcomeStats()))
    return stats
  }

  journey(kind: string): OutcomeStats {
    let stats = this.journeys.get(kind)
    if (!stats) this.journeys.set(kind, (stats = new OutcomeStats()))
    return stats
  }
}

/** The run's `LoadFigures` (without `historyFile`, which the runner names) from its phases'. */
export function loadFigures(
  phases: readonly PhaseMetrics[],
  timeseries: LoadFigures['timeseries'],
): LoadFigures {
  const operations = new Map<string, OutcomeStats>()
  const journeys = new Map<string, OutcomeStats>()
  const schedule = new ScheduleStats()
  for (const phase of phases) {
    sumInto(operations, phase.operations)
    sumInto(journeys, phase.journeys)
    schedule.add(phase.schedule)
  }
  return {
    operations: mapValues(operations, (s) => s.operationFigures()),
    journeys: mapValues(journeys, (s) => s.journeyFigures()),
    schedule: schedule.figures(),
    phases: phases.map((phase) => ({
      name: phase.name,
      operations: mapValues(phase.operations, (s) => s.operationFigures()),
      journeys: mapValues(phase.journeys, (s) => s.journeyFigures()),
      schedule: phase.schedule.figures(),
    })),
    timeseries,
  }
}

function sumInto(total: Map<string, OutcomeStats>, part: ReadonlyMap<string, OutcomeStats>): void {
  for (const [name, stats] of part) {
    let sum = total.get(name)
    if (!sum) total.set(name, (sum = new OutcomeStats()))
    sum.add(stats)
  }
}

/** A map's entries as a plain object, keys sorted so report.json diffs stay quiet. */
function mapValues<T>(
  map: ReadonlyMap<string, OutcomeStats>,
  figures: (s: OutcomeStats) => T,
): Record<string, T> {
  const out: Record<string, T> = {}
  for (const name of [...map.keys()].sort()) out[name] = figures(map.get(name)!)
  return out
}
