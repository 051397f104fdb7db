import { BoundedMap } from '../core/bounded-map.js'
import type { EntityType, SiftDecision } from './sift-decisions.js'
import type { ScoreFacts } from './sift-score.js'

/** A decision applied to an entity by a workflow run. */
export interface AppliedDecision {
  decision: SiftDecision
  abuseType: string
  runId: string
  atMs: number
}

/** What the simulator keeps of a user: the facts the next score uses, and the user's decisions. */
export interface UserRecord {
  facts: ScoreFacts
  scoredAtMs: number
  /** The latest user-entity decision per abuse type. */
  decisions: Map<string, AppliedDecision>
}

/** One finished workflow run, as `GET /v3/accounts/{id}/workflows/runs/{runId}` shows it. */
export interface WorkflowRun {
  id: string
  entity: { type: EntityType; id: string }
  abuseType: string
  decision: SiftDecision
  routeName: string
  atMs: number
}

/**
 * One ledger entry: a workflow decision, with the money it was about (the ground truth a
 * checkout saga's report reads). A repeated event is a new run and a new entry, as in Sift.
 */
export interface FraudLedgerEntry {
  runId: string
  eventType: string
  /** `$order_id`, or null when the workflow decided on the user. */
  orderId: string | null
  userId: string | null
  abuseType: string
  /** 0–1. */
  score: number
  decision: { id: string; category: SiftDecision['category'] }
  /** `$amount` as integer minor units, or null when the event carried no amount. */
  amountMinor: number | null
  /** ISO 4217, lower case; null with no amount. */
  currency: string | null
  transactionId: string | null
  /** ISO-8601. */
  createdAt: string
}

/** The fraud simulator's indexed stores, each capped (oldest forgotten first). */
export class FraudState {
  readonly users: BoundedMap<string, UserRecord>
  /** The latest order-entity decision per abuse type, by `$order_id`. */
  readonly orders: BoundedMap<string, Map<string, AppliedDecision>>
  readonly runs: BoundedMap<string, WorkflowRun>
  private entries: FraudLedgerEntry[] = []
  /** Events accepted since the start or the last reset. */
  eventCount = 0

  constructor(private readonly limit = 1_000_000) {
    this.users = new BoundedMap(limit)
    this.orders = new BoundedMap(limit)
    this.runs = new BoundedMap(limit)
  }

  /** Appends a ledger entry, forgetting the oldest half when the ledger doubles its limit. */
  record(entry: FraudLedgerEntry): void {
    this.entries.push(entry)
    if (this.entries.length >= 2 * this.limit) this.entries = this.entries.slice(this.limit)
  }

  /** Ledger entries oldest first, optionally for one order. */
  ledger(orderId?: string): FraudLedgerEntry[] {
    return orderId === undefined ? [...this.entries] : this.entries.filter((e) => e.orderId === orderId)
  }

  reset(): void {
    this.users.clear()
    this.orders.clear()
    this.runs.clear()
    this.entries = []
    this.eventCount = 0
  }
}
