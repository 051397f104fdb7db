/**
 * The report.json contract (schemaVersion 1), as `analyze()` produces it and every renderer reads it.
 * The types are derived from the TypeBox schemas in `schemas/report-schema.ts` and
 * `schemas/integrity-schema.ts`, which say what each field means and which docs/report.schema.json
 * publishes. Every figure is a number; times since the run started are ms; ratios are 0–1;
 * latencies are ms. A figure that could not be computed is absent — never 0, never a placeholder.
 */
import type { Static } from '@sinclair/typebox'

import type {
  CurrencyBalanceSchema,
  FindingSchema,
  IntegrityCheckSchema,
  IntegritySchema,
  SkippedCheckSchema,
  TimelineEventSchema,
  TimelineSourceSchema,
} from './schemas/integrity-schema.js'
import type {
  BrowsingSummarySchema,
  LatencySummarySchema,
  LoadSummarySchema,
  PhaseReportSchema,
  QueueDrainSchema,
  QueueReportSchema,
  ReconciliationSchema,
  RecoveryResultSchema,
  ReportSchema,
  SloResultSchema,
} from './schemas/report-schema.js'

/** Latency percentiles of checkouts in ms (at most 2 decimals); `max` is exact. */
export type LatencySummary = Static<typeof LatencySummarySchema>

/** Checkout volume over the run or one phase. */
export type LoadSummary = Static<typeof LoadSummarySchema>

/** Browsing's own KPIs over the run or one phase (present only when the run browsed). */
export type BrowsingSummary = Static<typeof BrowsingSummarySchema>

/** One phase as it was played and measured. */
export type PhaseReport = Static<typeof PhaseReportSchema>

/** One healed fault's time to recover. */
export type RecoveryResult = Static<typeof RecoveryResultSchema>

/** One fault on the broker link and how long its backlog took to drain. */
export type QueueDrain = Static<typeof QueueDrainSchema>

/** The platform's message backlog over the run: its peak, its drains, its readings. */
export type QueueReport = Static<typeof QueueReportSchema>

/** One SLO, judged. */
export type SloResult = Static<typeof SloResultSchema>

/** Per-currency money balance: captured − refunded should equal the paid orders' totals. */
export type CurrencyBalance = Static<typeof CurrencyBalanceSchema>

/** The integrity checks a report can carry; the names of `Integrity`'s count fields. */
export type IntegrityCheck = Static<typeof IntegrityCheckSchema>

/** A check that could not run, and why. */
export type SkippedCheck = Static<typeof SkippedCheckSchema>

/**
 * Results of the integrity checks. A count is present only where its check ran; a check that
 * could not run is listed in `skipped`. `recovered` is informational and never fails.
 */
export type Integrity = Static<typeof IntegritySchema>

/** Where a timeline event came from. */
export type TimelineSource = Static<typeof TimelineSourceSchema>

/** One event of a finding's timeline. */
export type TimelineEvent = Static<typeof TimelineEventSchema>

/** One defect an integrity check found, with the evidence that shows why. */
export type Finding = Static<typeof FindingSchema>

/** The platform reconciler's results over the run: what it checked, repaired and could not. */
export type Reconciliation = Static<typeof ReconciliationSchema>

/** report.json, schemaVersion 1. */
export type Report = Static<typeof ReportSchema>
