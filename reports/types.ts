/**
 * The record of one game day, handed from the runner (scenarios/) to the analysis here.
 * `reports/` imports nothing of the other folders but types; the runner fills this in
 * from the load driver's history, the PSP simulator's ledger and the platform's orders.
 */

/** How an SLO compares its actual value with its threshold. */
export type Comparator = '<=' | '>='

/**
 * What an SLO measures over its phase (or the whole run when `phase` is absent).
 * - `latency.pXX` / `latency.max`: checkout latency in ms, from each request's intended start.
 * - `availability`: acknowledged checkouts / attempted checkouts (0–1). Declines by the card
 *   issuer count as available (the system answered correctly).
 * - `errorRate`: 1 − availability.
 * - `achievedRateRatio`: achieved arrival rate / target rate (0–1).
 */
export type SloMetric =
  | 'latency.p50'
  | 'latency.p90'
  | 'latency.p95'
  | 'latency.p99'
  | 'latency.max'
  | 'availability'
  | 'errorRate'
  | 'achievedRateRatio'

/** A service-level objective of a scenario. */
export interface SloSpec {
  name: string
  metric: SloMetric
  comparator: Comparator
  threshold: number
  unit: 'ms' | 'ratio'
  /** Name of the phase it is judged over; absent = the whole run. */
  phase?: string
}

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

/** One entry of the PSP simulator's ledger: the ground truth of money moved. */
export interface LedgerEntry {
  id: string
  type: 'authorization' | 'capture' | 'refund' | 'cancel'
  paymentIntentId: string
  /** Integer minor units. */
  amount: number
  /** ISO 4217, lower case as Stripe writes it. */
  currency: string
  /** The Idempotency-Key of the PSP request that caused it, if any. */
  idempotencyKey: string | null
  /** The PaymentIntent's metadata: the platform sets `order_id` and `checkout_key`. */
  metadata: Record<string, string>
  createdAt: string
}

/** One order as the platform's admin API lists it. */
export interface PlatformOrder {
  id: string
  status: string
  /** The client's checkout Idempotency-Key that created it. */
  idempotencyKey: string
  amountMinor: number
  currency: string
  /** Every PaymentIntent the platform created for it, in order. */
  paymentIntentIds: string[]
  createdAt: string
}

/** One SKU's stock as the platform's admin API reports it after the run. */
export interface InventoryItem {
  sku: string
  /** Stock when the run started. */
  initialStock: number
  /** Stock now. */
  stock: number
  /** Units in paid (or since refunded) orders. */
  paidQuantity: number
}

/** An event the platform published (its outbox relay's output), as its admin API lists it. */
export interface PublishedEvent {
  eventId: string
  /** e.g. `OrderPaid`. */
  type: string
  orderId: string
}

/** A PSP webhook event the platform received, with how many of its deliveries it processed. */
export interface ReceivedWebhook {
  id: string
  type: string
  orderId: string | null
  processedCount: number
}

/** A fault applied during the run (network toxic, simulator fault rule, process fault). */
export interface FaultRecord {
  /** What it hit: a proxy name (`psp`, `platform`), a simulator (`psp-app`), `platform-process`. */
  target: string
  kind: string
  params: Record<string, unknown>
  fromMs: number
  toMs: number
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
  attempts: ClientAttempt[]
  ledger: LedgerEntry[] | Skipped
  orders: PlatformOrder[] | Skipped
  /** Stock per SKU after the run; absent when the runner did not read it (oversell is then not checked). */
  inventory?: InventoryItem[] | Skipped
  /** Events the platform published; absent when not read (lost events are then not checked). */
  publishedEvents?: PublishedEvent[] | Skipped
  /** Webhooks the platform received; absent when not read (processed-twice is then not checked). */
  webhooks?: ReceivedWebhook[] | Skipped
  faultsInjected: FaultRecord[]
}
