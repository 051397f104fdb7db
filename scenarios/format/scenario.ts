import type { CrashStep } from '../../platform/chaos-hooks/crash-points.js'
import type { SloSpec } from '../../reports/types.js'

/** A network fault: a Toxiproxy toxic on one of the game day's links. */
export interface ToxicFault {
  kind: 'toxic'
  /** The link it goes on: `platform` (client → platform), a vendor link (`psp`, `tax`, `fraud`) or `db`. */
  target: LinkName
  toxic: {
    type: 'latency' | 'bandwidth' | 'slow_close' | 'timeout' | 'reset_peer' | 'slicer' | 'limit_data' | 'noop'
    /** @default 'downstream' */
    stream?: 'upstream' | 'downstream'
    /** Fraction of connections it applies to, 0–1. @default 1 */
    toxicity?: number
    attributes: Record<string, number>
  }
}

/** An application-level fault: a rule of a vendor simulator's fault model (`/__admin/faults`). */
export interface VendorFault {
  kind: 'vendor'
  /** Which vendor simulator takes the rule. */
  target: 'psp' | 'tax' | 'fraud'
  /** The simulator's fault rule as its admin API takes it (match, schedule, effect). */
  rule: {
    name?: string
    match?: {
      method?: string
      path?: string
      body?: Record<string, string>
      /** Webhook rules: the event type, exact or `prefix*`. */
      eventType?: string
      fraction?: number
    }
    schedule?: { fromMs?: number; untilMs?: number; times?: number }
    effect: { type: string } & Record<string, unknown>
  }
}

/**
 * A process fault on the platform: a crash (SIGKILL, then a restart), a stall (SIGSTOP/SIGCONT),
 * or a crash at a checkout step (`crash-at`: the platform kills itself there, then is restarted).
 */
export interface ProcessFault {
  kind: 'process'
  target: 'platform'
  action: 'kill' | 'pause' | 'crash-at'
  /** crash-at: where (see platform/chaos-hooks/crash-points.ts), on the `nth` next checkout there (default 1). */
  step?: CrashStep
  nth?: number
  /** When, in ms after the phase starts. @default 0 */
  atMs?: number
  /** kill: how long the platform stays down before the restart; pause: how long it stalls. @default 1000 */
  forMs?: number
}

/**
 * A link taken down for the phase, as Toxiproxy's `enabled: false` does: its open connections are
 * closed and new ones refused until the phase ends (a database failover, a broker cut).
 */
export interface LinkFault {
  kind: 'link'
  target: LinkName
  action: 'down'
}

export type Fault = ToxicFault | VendorFault | ProcessFault | LinkFault

/** Links the runner puts through the proxy (`db` only when the database is a real Postgres). */
export type LinkName = 'platform' | 'psp' | 'tax' | 'fraud' | 'db' | 'broker'

/**
 * What one arrival does. Each is a journey of HTTP operations (named in report.json's
 * `operations`):
 * - `browse`: the product list (`browse`);
 * - `view`: a product page (`view`);
 * - `cart`: a cart and an item, then the shopper leaves — an abandoned cart (`cart`, `item`);
 * - `checkout`: cart, item, checkout with an Idempotency-Key (`cart`, `item`, `checkout`), then the
 *   shopper's refunds if `shopper.refund` says so (`refund`);
 * - `status`: the status of an order placed earlier in the run (`status`); a `view` until one was;
 * - `refund`: a refund of an order paid earlier in the run, each order at most once (`refund`); a
 *   `view` until one was paid.
 */
export type JourneyKind = 'browse' | 'view' | 'cart' | 'checkout' | 'status' | 'refund'

/**
 * Relative weights of the journeys arrivals play, drawn per arrival from the seeded source
 * (`{ browse: 6, view: 3, checkout: 1 }`: six in ten browse). @default { checkout: 1 }
 */
export type TrafficMix = Partial<Record<JourneyKind, number>>

/** One stage of a ramp: reach `target` arrivals per second, linearly, over `durationMs`. */
export interface RateStage {
  durationMs: number
  target: number
}

interface WorkloadBase {
  /** Names the workload in events and in k6's `scenarios`. */
  name: string
  /** What its arrivals do. @default the scenario's `mix` */
  mix?: TrafficMix
}

/**
 * One stream of arrivals in a phase, shaped as k6's executors are:
 * - `constant-arrival-rate`: `rate` journeys per second, open model (arrivals do not wait for
 *   answers, so a stall shows as latency, not as less load);
 * - `ramping-arrival-rate`: from `startRate`, linear ramps through `stages`; the last target holds
 *   to the phase's end, and stages past its end are cut;
 * - `constant-vus`: closed model, `vus` shoppers each playing a journey, thinking `thinkTimeMs`,
 *   then the next (load falls when answers slow: for comparison with the open model).
 */
export type Workload =
  | (WorkloadBase & { executor: 'constant-arrival-rate'; rate: number })
  | (WorkloadBase & { executor: 'ramping-arrival-rate'; startRate?: number; stages: RateStage[] })
  | (WorkloadBase & { executor: 'constant-vus'; vus: number; thinkTimeMs?: number })

/**
 * Who the shoppers are: a population drawn from the seed, each shopper with its own behaviour.
 * Shoppers already retry a checkout whose answer was lost, with the same key (`shopper.retries`).
 */
export interface ShopperPopulation {
  /** Distinct shoppers; arrival i is played by shopper (seeded draw) of them. @default 1000 */
  size?: number
  /**
   * Share of shoppers who do not wait: when a checkout has not answered after `impatientAfterMs`
   * they send it again with the same Idempotency-Key (a double click). @default 0
   */
  impatient?: number
  /** @default 1000 */
  impatientAfterMs?: number
  /**
   * Share of shoppers whose app retries a checkout whose answer was lost with a fresh
   * Idempotency-Key, as badly written apps do. A duplicate charge that follows is the client's,
   * reported apart (`integrity.clientCausedDuplicates`), not blamed on the platform. @default 0
   */
  freshKeyRetry?: number
}

/** One phase of a game day: a stretch of arrivals with the faults that hold during it. */
export interface Phase {
  name: string
  durationMs: number
  /**
   * Journey arrivals per second of the phase's default workload (a constant arrival rate of the
   * scenario's `mix`); @default the scenario's `rate`. Ignored when `workloads` is given.
   */
  rate?: number
  /**
   * The phase's load as one or more workloads played side by side (k6's executors). @default one
   * `constant-arrival-rate` workload named `default` at `rate`
   */
  workloads?: Workload[]
  /** Browsing requests per second in this phase (0 = none); @default the scenario's `browse.rate`, else 0. */
  browseRate?: number
  /** Applied when the phase starts, healed when it ends. */
  faults?: Fault[]
}

/**
 * Browsing beside the checkouts: an open-model stream of catalog reads (the product list and a
 * product page), measured apart from checkout — a fault can hurt shoppers who only look.
 */
export interface BrowseSpec {
  /** Browsing requests per second, each phase unless its `browseRate` says otherwise. @default 0 (none) */
  rate: number
}

/** How the simulated shopper behaves. */
export interface ShopperSpec {
  /** What they buy. @default 'sku_tshirt' (stock for any load) */
  sku?: string
  /** @default 'pm_card_visa' */
  paymentMethod?: string
  /** @default 1 */
  quantity?: number
  /** Retries of a checkout whose answer was lost (network error, timeout, 409, any 5xx), same key. @default 1 */
  retries?: number
  /**
   * Reuse connections (HTTP keep-alive). Toxiproxy draws a toxic's toxicity per connection, so a
   * scenario that loses a fraction of answers wants a connection per request. @default true
   */
  keepAlive?: boolean
  /** Per-request timeout of the client, ms. @default 10000 */
  timeoutMs?: number
  /**
   * After a paid checkout, every `every`-th shopper (by journey number) asks for `parts` partial
   * refunds at once, each of `percent` % of the total, each with its own Idempotency-Key (retried
   * with it when the answer was lost). Parts that together ask more than was captured race: the
   * platform must refuse the excess. @default none: nobody refunds
   */
  refund?: { every: number; parts: number; percent: number }
}

/**
 * A game day: typed TypeScript, no DSL to learn.
 * @example
 * export default defineScenario({
 *   name: 'baseline', description: 'Steady checkout, no faults', rate: 20,
 *   phases: [{ name: 'steady', durationMs: 15_000 }],
 *   slos: [{ name: 'p99 under 500 ms', metric: 'latency.p99', comparator: '<=', threshold: 500, unit: 'ms' }],
 * })
 */
export interface Scenario {
  name: string
  /** One line, shown by `gameday list`. */
  description: string
  /** What the game day teaches and what a pass means, a few sentences (`gameday list --long`, docs). */
  teaches?: string
  /**
   * Base arrival rate in journeys per second; `--rate` scales every arrival rate (and the number
   * of virtual users) of every phase by rate / this.
   */
  rate: number
  phases: Phase[]
  slos: SloSpec[]
  shopper?: ShopperSpec
  /** What arrivals do, by weight. @default { checkout: 1 } */
  mix?: TrafficMix
  /** Who the shoppers are and how they behave. @default 1000 shoppers who all wait their answers */
  population?: ShopperPopulation
  /** Browsing traffic beside the checkouts (report.json's `browsing`); absent = none. */
  browse?: BrowseSpec
  /** What it cannot run without; `postgres`: a real server (`--db postgres://…`), not PGlite. */
  needs?: Array<'postgres'>
  /** Stock to set per SKU before the run (e.g. a flash sale's few units). */
  stock?: Record<string, number>
  /** Safeguards this scenario exercises (documentation for `gameday list`/learn). */
  exercises?: string[]
  /**
   * The longest wait, after the load, for the platform to finish what the faults left it (the
   * reconciler resuming stalled checkouts, the outbox relaying) before the ground truth is read.
   * @default 5000
   */
  settleMs?: number
  /**
   * The platform as this game day needs it, where the defaults would take more load than a laptop
   * offers to show the point. `dbPoolSize`: database connections requests may hold at once
   * (default 20); the tax and fraud bulkheads scale with it (half in flight, a tenth queued).
   */
  platform?: { dbPoolSize?: number }
  /** @default 1 */
  seed?: number
}

/** What a scenario file's default export gets when it is a function (k6's `__ENV`). */
export interface ScenarioContext {
  /** The process environment overlaid with the command line's `--env KEY=VALUE` pairs. */
  env: Record<string, string>
}

/**
 * Identity function that gives a scenario file its types. Pass a function of the context to shape
 * the scenario from the environment (`--env KEY=VALUE`, or the process's own):
 * @example
 * export default defineScenario(({ env }) => ({ ...base, rate: Number(env.RATE ?? 20) }))
 */
export function defineScenario(scenario: Scenario): Scenario
export function defineScenario(
  build: (context: ScenarioContext) => Scenario,
): (context: ScenarioContext) => Scenario
export function defineScenario(
  scenario: Scenario | ((context: ScenarioContext) => Scenario),
): Scenario | ((context: ScenarioContext) => Scenario) {
  return scenario
}
