import type { AttemptOutcome } from '../../reports/types.js'
import type { ResolvedShopper } from '../format/resolve-scenario.js'
import type { JourneyKind } from '../format/scenario.js'
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
  /** The driver's clock (ms since the run started): operation times are read from it. */
  now?: () => number
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
  /** What the shopper does, drawn by the driver from the workload's mix. @default 'checkout' */
  kind?: JourneyKind
  /** Who plays it, drawn by the driver from the seeded population. @default a patient shopper */
  shopper?: Shopper
}

/** One shopper of the population (scenario `population`), with the behaviour drawn for them. */
export interface Shopper {
  /** Their number in the population, 0-based. */
  id: number
  /** Sends a checkout again, same key, when it has not answered after `impatientAfterMs`. */
  impatient: boolean
  impatientAfterMs: number
  /** Their app retries a checkout whose answer was lost with a fresh Idempotency-Key. */
  freshKeyRetry: boolean
}

/** The HTTP operations a journey is made of: report.json's `operations` are keyed by these. */
export type OperationName = 'browse' | 'view' | 'cart' | 'item' | 'checkout' | 'status' | 'refund'

/**
 * One HTTP request a journey sent, as the player tells the driver (every try of it is one).
 * Times are the driver's `now()` (ms since the run started), read by the player around the request.
 */
export interface OperationResult {
  name: OperationName
  startMs: number
  endMs: number
  /** `ok`: 2xx (and a card decline's 402: the system answered); `fail`: another 4xx; `info`: no answer, a timeout or a 5xx. */
  outcome: 'ok' | 'fail' | 'info'
  status?: number
  /** fail: the error's code; info: why (`timeout`, `ECONNRESET`, `HTTP 503 …`). */
  detail?: string
}

/** What a journey that does not check out came to. */
export type PlainOutcome = { type: 'ok' } | { type: 'fail'; code: string } | { type: 'info'; reason: string }

/** What one journey came to. */
export type JourneyResult =
  | {
      kind: 'checkout'
      /** Jepsen-style: what the shopper saw of their checkout (the integrity checks judge it). */
      outcome: AttemptOutcome
      /** Checkout tries (sends of the checkout POST) under its key. */
      tries: number
      /**
       * Keys the shopper's app made up for retries after the first (a `freshKeyRetry` shopper): a
       * charge under one of them is the client's duplicate, reported apart.
       */
      freshKeys?: string[]
    }
  | { kind: Exclude<JourneyKind, 'checkout'>; outcome: PlainOutcome }

export interface JourneyPlayer {
  /**
   * Plays one journey; always settles (it owns its timeouts). `observe` is called once per HTTP
   * request, as each ends.
   */
  run(journey: JourneyRef, observe?: (operation: OperationResult) => void): Promise<JourneyResult>
  close(): Promise<void>
}
