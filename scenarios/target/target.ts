import type { AttemptOutcome } from '../../reports/types.js'
import type { ResolvedShopper } from '../format/resolve-scenario.js'
import type { GroundTruthSource, TargetGroundTruth } from '../ground-truth/ground-truth.js'

export type { TargetGroundTruth }

/**
 * The seam between a game day and the checkout it attacks. The load driver plays journeys
 * through a `Target`; the ground-truth reader asks it for its orders. The reference platform
 * (`reference-platform.ts`) is the built-in one; a team's own checkout service is another,
 * whose PSP, tax and fraud calls go to our simulators, so duplicate charges are still counted
 * from the PSP's ledger, never from the target's own rows. docs/target.md describes it.
 */
export interface Target extends GroundTruthSource {
  /** Shown in events and reports: `reference platform`, or the team's service. */
  readonly name: string
  /**
   * A player of shopper journeys that reach the target at `baseUrl` (the stack's proxy link in
   * front of it, so network faults hit real traffic). One player per run: it owns the connections.
   */
  journeys(options: JourneyOptions): JourneyPlayer
  /** What a scenario needs in place before the load (a flash sale's few units of stock). */
  prepare(setup: { stock: Readonly<Record<string, number>> }): Promise<void>
}

export interface JourneyOptions {
  /** `http://host:port` where shoppers reach the target. */
  baseUrl: string
  shopper: ResolvedShopper
  /** Concurrent connections. @default 64 */
  connections?: number
}

/** One arrival, as the load driver hands it to a player. */
export interface JourneyRef {
  /**
   * The arrival's number in the run, in the order scheduled (not served): journey 17 is journey 17
   * in every replay of a seed, so fault decisions keyed on it (the `baggage` header) replay too.
   */
  index: number
  /** The key its checkout carries (and every retry of it). */
  idempotencyKey: string
}

/** What one journey came to: a Jepsen-style outcome, and how many checkout tries it took. */
export interface JourneyResult {
  outcome: AttemptOutcome
  tries: number
}

export interface JourneyPlayer {
  /** Plays one journey; always settles (it owns its timeouts). */
  run(journey: JourneyRef): Promise<JourneyResult>
  close(): Promise<void>
}
