import type { JourneyKind } from '../format/scenario.js'
import type { JourneyPlayer, JourneyResult, OperationResult } from '../target/target.js'
import type { HistoryBuffer } from './history-buffer.js'
import { historyMs } from './history-records.js'
import type { PhaseMetrics } from './load-metrics.js'
import type { Population } from './population.js'
import type { Timeseries } from './timeseries.js'

/** Journeys played side by side under one bound: a workload of a phase. */
export interface WorkloadGroup {
  readonly name: string
  readonly phase: PhaseMetrics
  inFlight: number
}

/** One arrival, as the driver hands it over to be played or dropped. */
export interface Arrival {
  group: WorkloadGroup
  index: number
  kind: JourneyKind
  shopperId: number
  intendedStartMs: number
}

/**
 * Plays arrivals through the player and records what they came to: counters and histograms per
 * phase, the current second, a history line per operation, journey end and dropped arrival.
 * Nothing of a journey stays once it has ended.
 */
export class JourneyRecorder {
  inFlight = 0
  /** Checkout journeys, for the live line. */
  checkoutsStarted = 0
  checkoutsOk = 0
  checkoutsFailed = 0
  checkoutsIndeterminate = 0
  dropped = 0
  private onIdle: (() => void) | undefined

  constructor(
    private readonly player: JourneyPlayer,
    private readonly now: () => number,
    private readonly keyFor: (index: number) => string,
    private readonly population: Population,
    private readonly timeseries: Timeseries,
    readonly history: HistoryBuffer,
    /**
     * Called after each operation and journey end: the scheduler starts any arrival that fell due
     * meanwhile, so a burst of answers handled in one event-loop turn does not hold the schedule.
     */
    private readonly poke: () => void = () => {},
  ) {}

  /** Counts an arrival the schedule asked for that could not start (too many in flight). */
  drop(arrival: Arrival, atMs: number): void {
    const { group } = arrival
    this.dropped++
    group.phase.schedule.dropped++
    this.timeseries.advance(atMs)
    this.timeseries.error('dropped')
    this.history.add({
      type: 'dropped',
      index: arrival.index,
      kind: arrival.kind,
      phase: group.phase.name,
      workload: group.name,
      intendedStartMs: historyMs(arrival.intendedStartMs),
      atMs: historyMs(atMs),
    })
  }

  /**
   * Hands the arrival to the player now. `lagMs` is its send lag (open model only). Settles when
   * the journey has ended and been recorded; never rejects.
   */
  play(arrival: Arrival, startMs: number, lagMs: number | undefined): Promise<void> {
    const { group, index, kind } = arrival
    const metrics = group.phase
    const idempotencyKey = this.keyFor(index)
    group.inFlight++
    this.inFlight++
    metrics.schedule.started++
    if (lagMs !== undefined) metrics.schedule.lag.record(lagMs)
    metrics.journey(kind).count++
    if (kind === 'checkout') this.checkoutsStarted++
    this.timeseries.advance(startMs)
    this.timeseries.arrival(kind === 'checkout', lagMs)

    const observe = (operation: OperationResult): void => this.operation(arrival, operation)
    let running: Promise<JourneyResult>
    try {
      running = this.player.run(
        { index, idempotencyKey, kind, shopper: this.population.shopper(arrival.shopperId) },
        observe,
      )
    } catch (error) {
      running = Promise.reject(error)
    }
    return running.then(
      (result) => this.end(arrival, idempotencyKey, startMs, result),
      (error: unknown) => this.end(arrival, idempotencyKey, startMs, playerError(kind, error)),
    )
  }

  /** Resolves once no journey is in flight. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => (this.onIdle = resolve))
  }

  private operation(arrival: Arrival, op: OperationResult): void {
    const { group } = arrival
    const stats = group.phase.operation(op.name)
    stats.count++
    stats.end(op.outcome, op.endMs - op.startMs)
    if (op.outcome !== 'ok') {
      this.timeseries.advance(op.endMs)
      this.timeseries.error(errorKind(op))
    }
    this.history.add({
      type: 'operation',
      journey: arrival.index,
      kind: arrival.kind,
      phase: group.phase.name,
      workload: group.name,
      name: op.name,
      intendedStartMs: historyMs(arrival.intendedStartMs),
      startMs: historyMs(op.startMs),
      endMs: historyMs(op.endMs),
      outcome: op.outcome,
      // Absent ones are left out of the line by JSON.stringify: no spread copies per operation.
      status: op.status,
      detail: op.detail,
    })
    this.poke()
  }

  private end(arrival: Arrival, idempotencyKey: string, startMs: number, result: JourneyResult): void {
    const { group, kind } = arrival
    const endMs = this.now()
    const latencyMs = endMs - arrival.intendedStartMs
    const outcome = result.outcome.type
    group.phase.journey(kind).end(outcome, latencyMs)
    this.timeseries.advance(endMs)
    this.timeseries.completion(kind === 'checkout' ? latencyMs : undefined)
    if (kind === 'checkout') {
      if (outcome === 'ok') this.checkoutsOk++
      else if (outcome === 'fail') this.checkoutsFailed++
      else this.checkoutsIndeterminate++
    }
    const checkout = result.kind === 'checkout' ? result : undefined
    this.history.add({
      type: 'journey',
      index: arrival.index,
      kind,
      phase: group.phase.name,
      workload: group.name,
      shopper: arrival.shopperId,
      intendedStartMs: historyMs(arrival.intendedStartMs),
      startMs: historyMs(startMs),
      endMs: historyMs(endMs),
      latencyMs: historyMs(latencyMs),
      outcome: result.outcome,
      // Checkout journeys only; an undefined field is left out of the line by JSON.stringify.
      idempotencyKey: checkout ? idempotencyKey : undefined,
      tries: checkout?.tries,
      freshKeys: checkout?.freshKeys?.length ? checkout.freshKeys : undefined,
    })
    group.inFlight--
    if (--this.inFlight === 0 && this.onIdle) {
      const resolve = this.onIdle
      this.onIdle = undefined
      resolve()
    }
    this.poke()
  }
}

/**
 * The kind an operation's error is counted under in the time series: the player's detail
 * (`HTTP 503 SERVICE_UNAVAILABLE`, `timeout`, `CARD_DECLINED`), else its status.
 */
function errorKind(op: OperationResult): string {
  if (op.detail) return op.detail
  if (op.status !== undefined) return `HTTP ${op.status}`
  return op.outcome === 'fail' ? 'fail' : 'indeterminate'
}

/** A player that broke its promise to settle: the journey is indeterminate, never a failure. */
function playerError(kind: JourneyKind, error: unknown): JourneyResult {
  const reason = `driver-error: ${error instanceof Error ? error.message : String(error)}`
  return kind === 'checkout'
    ? { kind, outcome: { type: 'info', reason }, tries: 0 }
    : { kind, outcome: { type: 'info', reason } }
}
