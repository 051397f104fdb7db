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

/** One phase of a game day: a stretch of steady arrivals with the faults that hold during it. */
export interface Phase {
  name: string
  durationMs: number
  /** Arrival rate in checkouts per second; @default the scenario's `rate`. */
  rate?: number
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
  /** Base arrival rate in checkouts per second; `--rate` scales every phase by rate / this. */
  rate: number
  phases: Phase[]
  slos: SloSpec[]
  shopper?: ShopperSpec
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

/** Identity function that gives a scenario file its types. */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario
}
