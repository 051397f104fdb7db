import type { AttemptOutcome } from '../../reports/types.js'
import type { JourneyKind } from '../format/scenario.js'
import type { OperationName, PlainOutcome } from '../target/target.js'

/**
 * The lines of `history.ndjson`: one JSON object per line, told apart by `type`. docs/history.md
 * is the contract; times are ms since the run started, rounded to the microsecond.
 */
export type HistoryRecord = OperationRecord | JourneyRecord | DroppedRecord

/** One HTTP request of a journey (each try counts once), written as it ends. */
export interface OperationRecord {
  type: 'operation'
  /** The journey's arrival index (`JourneyRef.index`). */
  journey: number
  kind: JourneyKind
  phase: string
  workload: string
  name: OperationName
  /** The journey's intended start, so a one-request journey (a browse) reads back on its own. */
  intendedStartMs: number
  startMs: number
  endMs: number
  outcome: 'ok' | 'fail' | 'info'
  status?: number
  detail?: string
}

/** One journey, written as it ends. A checkout's line carries all of a `ClientAttempt`. */
export interface JourneyRecord {
  type: 'journey'
  index: number
  kind: JourneyKind
  phase: string
  workload: string
  /** The shopper's id in the population. */
  shopper: number
  intendedStartMs: number
  /** When the driver handed it to the player (the closed model: equal to `intendedStartMs`). */
  startMs: number
  endMs: number
  /** endMs − intendedStartMs. */
  latencyMs: number
  /** A checkout's outcome is an `AttemptOutcome`, any other journey's a `PlainOutcome`. */
  outcome: AttemptOutcome | PlainOutcome
  /** Checkout journeys only. */
  idempotencyKey?: string
  tries?: number
  freshKeys?: string[]
}

/** An arrival the driver did not start: its workload had `maxInFlight` journeys in flight. */
export interface DroppedRecord {
  type: 'dropped'
  index: number
  kind: JourneyKind
  phase: string
  workload: string
  intendedStartMs: number
  /** When it was dropped. */
  atMs: number
}

/** A time as written to the history: ms rounded to the microsecond, to keep lines short. */
export function historyMs(ms: number): number {
  return Math.round(ms * 1000) / 1000
}
