/**
 * The record of one game day, handed from the runner (scenarios/) to the analysis here.
 * `reports/` imports nothing of the other folders but types; the runner fills this in
 * from the load driver's history, the PSP simulator's ledger and the platform's orders.
 * The wire types (ground truth, SLO specs, faults, the load driver's figures) are derived from their TypeBox schemas in
 * `schemas/`, so a contract is written once.
 */
import type { Static } from '@sinclair/typebox'

import type { Reconciliation } from './report.js'
import type {
  FraudDecisionSchema,
  InventoryItemSchema,
  LedgerEntrySchema,
  PlatformOrderSchema,
  PublishedEventSchema,
  ReceivedWebhookSchema,
  TaxTransactionSchema,
} from './schemas/ground-truth-schemas.js'
import type {
  JourneyFiguresSchema,
  OperationFiguresSchema,
  ScheduleFiguresSchema,
  TimeseriesPointSchema,
} from './schemas/load-schema.js'
import type {
  BreakerSpanSchema,
  ComparatorSchema,
  FaultRecordSchema,
  QueueSampleSchema,
  SloMetricSchema,
  SloSpecSchema,
} from './schemas/record-schemas.js'

/** How an SLO compares its actual value with its threshold. */
export type Comparator = Static<typeof ComparatorSchema>

/**
 * What an SLO measures over its phase (or the whole run when `phase` is absent).
 * - `latency.pXX` / `latency.max`: checkout latency in ms, from each request's intended start.
 * - `availability`: acknowledged checkouts / attempted checkouts (0–1). Declines by the card
 *   issuer count as available (the system answered correctly).
 * - `errorRate`: 1 − availability.
 * - `achievedRateRatio`: achieved arrival rate / target rate (0–1).
 * - `browse.availability`: browsing requests answered 2xx / attempted (0–1).
 * - `browse.latency.p99`: browsing latency in ms, from each request's intended start.
 * - `recovery.ms`: the slowest time to recover of the faults healed (reports/recovery.ts).
 * - `queue.drain.ms`: the slowest drain of the message backlog after a fault on the `broker` link
 *   (reports/queue-report.ts).
 * - `latency.<operation>.pNN` (`p50|p90|p95|p99|max`; operation `browse`, `view`, `cart`, `item`,
 *   `checkout`, `status`, `refund`): one HTTP operation's latency in ms from its send to its answer,
 *   from the driver's figures (`RunRecord.load`); `latency.pNN` stays the checkout journey's.
 */
export type SloMetric = Static<typeof SloMetricSchema>

/** A service-level objective of a scenario. */
export type SloSpec = Static<typeof SloSpecSchema>

/**
 * The outcome of one checkout attempt, Jepsen-style:
 * - `ok`: the client saw the checkout succeed (an acknowledged order);
 * - `fail`: a definite refusal (4xx, a card decline) — nothing was bought;
 * - `info`: indeterminate (timeout, socket reset, 5xx): it may or may not have happened.
 */
export type AttemptOutcome =
  | { type: 'ok'; status: number; orderId: string; orderStatus: string }
  | { type: 'fail'; status: number; code: string; orderId?: string }
  | { type: 'info'; reason: string; status?: number }

/** One checkout the load driver invoked, with every retry it made under one idempotency key. */
export interface ClientAttempt {
  idempotencyKey: string
  phase: string
  /** The workload of the phase it came from. @default 'default' */
  workload?: string
  /**
   * Keys the shopper's app made up for retries of this same checkout (a client that retries with
   * a fresh Idempotency-Key): charges under them are the client's duplicates, reported apart.
   */
  freshKeys?: string[]
  /** When the open-model schedule wanted it to start, ms since the run started. */
  intendedStartMs: number
  /** When the last try ended, ms since the run started. */
  endMs: number
  /** endMs − intendedStartMs: latency with no coordinated omission. */
  latencyMs: number
  /** HTTP requests sent for this checkout (1 + client retries). */
  tries: number
  outcome: AttemptOutcome
}

/**
 * One browsing request (a catalog read beside the checkouts), as the browse driver saw it. It is
 * never a checkout: it feeds report.json's `browsing` and the `browse.*` SLO metrics only.
 */
export interface BrowseRequest {
  phase: string
  /** What was read: `/v1/products` or a product page `/v1/products/{sku}`. */
  path: string
  /** When the open-model schedule wanted it to start, ms since the run started. */
  intendedStartMs: number
  /** When it ended, ms since the run started. */
  endMs: number
  /** endMs − intendedStartMs: latency with no coordinated omission. */
  latencyMs: number
  /** True when it was answered 2xx; anything else (non-2xx, timeout, reset, driver saturated) is a failure. */
  ok: boolean
  /** The HTTP status, when there was an answer. */
  status?: number
  /** Why there was no answer: `timeout`, `driver-saturated`, or the network error's code. */
  reason?: string
}

/** One entry of the PSP simulator's ledger: the ground truth of money moved. */
export type LedgerEntry = Static<typeof LedgerEntrySchema>

/** One order as the platform's admin API lists it. */
export type PlatformOrder = Static<typeof PlatformOrderSchema>

/** One SKU's stock as the platform's admin API reports it after the run. */
export type InventoryItem = Static<typeof InventoryItemSchema>

/** An event the platform published (its outbox relay's output), as its admin API lists it. */
export type PublishedEvent = Static<typeof PublishedEventSchema>

/** A PSP webhook event the platform received, with how many of its deliveries it processed. */
export type ReceivedWebhook = Static<typeof ReceivedWebhookSchema>

/** One saved tax document the tax simulator holds. */
export type TaxTransaction = Static<typeof TaxTransactionSchema>

/** One workflow decision of the fraud simulator. */
export type FraudDecision = Static<typeof FraudDecisionSchema>

/** One state a vendor's circuit breaker was in, ms since the run started (`toMs` absent: it still held at the end). */
export type BreakerSpan = Static<typeof BreakerSpanSchema>

/** A fault applied during the run (network toxic, simulator fault rule, process fault). */
export type FaultRecord = Static<typeof FaultRecordSchema>

/** One reading of the platform's queue board (`GET /__admin/queue`), ms since the run started. */
export type QueueSample = Static<typeof QueueSampleSchema>

/** The platform's queue as the runner followed it through the run and the settle wait. */
export interface QueueRecord {
  /** The readings, oldest first (bounded: see scenarios/run/queue-watch.ts). */
  samples: QueueSample[]
  /** Events the consumer had processed in total, at the last reading. */
  consumed: number
}

/** A phase as it was played. */
export interface PhaseRecord {
  name: string
  startMs: number
  endMs: number
  /** Target arrival rate in checkouts per second. */
  targetRate: number
  faults: FaultRecord[]
}

/** A source of ground truth that could not be read, and why. */
export interface Skipped {
  skipped: string
}

/** One HTTP operation's counts and latency (`browse`, `view`, `cart`, `item`, `checkout`, `status`, `refund`). */
export type OperationFigures = Static<typeof OperationFiguresSchema>

/** Latency percentiles, ms, from an HDR histogram (3 significant digits); `max` is exact. */
export type LatencyFigures = NonNullable<OperationFigures['latencyMs']>

/** Journeys of one kind (`browse`, `view`, `cart`, `checkout`, `status`, `refund`). */
export type JourneyFigures = Static<typeof JourneyFiguresSchema>

/** How well the driver kept the schedule: scheduled, started, dropped, and the send lag. */
export type ScheduleFigures = Static<typeof ScheduleFiguresSchema>

/** One second of the run (report.json's `timeseries`, and `--out json=FILE`'s lines). */
export type TimeseriesPoint = Static<typeof TimeseriesPointSchema>

/** The load driver's figures over one scope: the whole run or one phase. */
export interface DriverFigures {
  /** Per HTTP operation. */
  operations: Record<string, OperationFigures>
  /** Per journey kind. */
  journeys: Record<string, JourneyFigures>
  schedule: ScheduleFigures
}

/** What the load driver measured, kept as histograms and counters (never a sample per request). */
export interface LoadFigures extends DriverFigures {
  /** Each phase the driver sent something in. */
  phases: Array<DriverFigures & { name: string }>
  /** One point per second of load, oldest first. */
  timeseries: TimeseriesPoint[]
  /** Where every operation and journey was streamed: `history.ndjson` in the run's folder. */
  historyFile?: string
}

/** Everything a game day recorded, as the runner hands it to `analyze()`. */
export interface RunRecord {
  scenario: string
  seed: number
  /** ISO-8601. */
  startedAt: string
  durationMs: number
  /** The run was stopped early; its phases are cut where it stopped. */
  interrupted?: boolean
  /** Average target arrival rate over the load phases, checkouts per second. */
  targetRate: number
  safeguards: Record<string, boolean>
  phases: PhaseRecord[]
  slos: SloSpec[]
  /** Present (false) when the SLOs are measured but left out of the verdict (`--no-slos`). */
  slosJudged?: false
  attempts: ClientAttempt[]
  /** The driver's own figures: per operation, per journey kind, the schedule, the time series. */
  load?: LoadFigures
  /** Browsing requests beside the checkouts, by intended start; absent when the run did not browse. */
  browses?: BrowseRequest[]
  ledger: LedgerEntry[] | Skipped
  orders: PlatformOrder[] | Skipped
  /** Stock per SKU after the run; absent when the runner did not read it (oversell is then not checked). */
  inventory?: InventoryItem[] | Skipped
  /** Events the platform published; absent when not read (lost events are then not checked). */
  publishedEvents?: PublishedEvent[] | Skipped
  /** Webhooks the platform received; absent when not read (processed-twice is then not checked). */
  webhooks?: ReceivedWebhook[] | Skipped
  /** The tax simulator's saved documents; absent when not read (state mismatches are then not checked). */
  taxTransactions?: TaxTransaction[] | Skipped
  /** The fraud simulator's decisions; absent when not read (state mismatches are then not checked). */
  fraudDecisions?: FraudDecision[] | Skipped
  faultsInjected: FaultRecord[]
  /** Each vendor breaker's states over the run; absent when the runner did not follow them. */
  breakers?: BreakerSpan[]
  /** The platform reconciler's results; absent when it was off or not read. */
  reconciliation?: Reconciliation
  /** The message queue's readings; absent when the platform has none or no reading succeeded. */
  queue?: QueueRecord
}
