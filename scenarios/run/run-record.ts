import type { Reconciliation } from '../../reports/report.js'
import type {
  BreakerSpan,
  ClientAttempt,
  FaultRecord,
  LoadFigures,
  QueueRecord,
  RunRecord,
} from '../../reports/types.js'
import { cutPhases } from '../format/phase-plan.js'
import type { ResolvedScenario } from '../format/resolve-scenario.js'
import type { GroundTruth } from '../ground-truth/ground-truth.js'

/** Everything a game day gathered, as the record builder takes it. */
export interface RunFacts {
  plan: ResolvedScenario
  safeguards: Record<string, boolean>
  /** False under --no-slos: the SLOs are measured but the verdict is the integrity checks alone. */
  judgeSlos: boolean
  /** ISO-8601: when the load's clock started. */
  startedAt: string
  /** How long the load ran, ms (less than planned when interrupted). */
  durationMs: number
  interrupted: boolean
  attempts: ClientAttempt[]
  /** The driver's histograms and counters (operations, journeys, schedule, time series). */
  load?: LoadFigures
  truth: GroundTruth
  faults: readonly FaultRecord[]
  /** Each vendor breaker's states over the run, when they were followed. */
  breakers?: BreakerSpan[]
  /** The platform reconciler's results, when it ran. */
  reconciliation?: Reconciliation
  /** The message queue's readings through the load and the settle wait, when the platform has one. */
  queue?: QueueRecord
}

/**
 * A fault belongs to the phase it was applied in. A phase's faults are applied once its start has
 * come; a timer may wake a millisecond early, hence the slack — kept small, so that a fault applied
 * late in a phase is never counted in the next.
 */
const APPLIED_SLACK_MS = 5

/**
 * The record the analysis reads: a pure function of what the run gathered. An interrupted run
 * reports what ran: phases cut where the load stopped, unstarted ones left out, so rates are over
 * the time that passed, not the time planned.
 */
export function buildRunRecord(facts: RunFacts): RunRecord {
  const { plan, truth } = facts
  const ran = facts.interrupted ? cutPhases(plan.phases, facts.durationMs) : plan.phases
  const loadMs = ran.reduce((sum, p) => sum + p.durationMs, 0)
  return {
    scenario: plan.scenario.name,
    seed: plan.seed,
    startedAt: facts.startedAt,
    durationMs: facts.durationMs,
    ...(facts.interrupted ? { interrupted: true } : {}),
    targetRate: ran.reduce((sum, p) => sum + p.rate * p.durationMs, 0) / Math.max(1, loadMs),
    safeguards: facts.safeguards,
    phases: ran.map((p) => ({
      name: p.name,
      startMs: p.startMs,
      endMs: p.startMs + p.durationMs,
      targetRate: p.rate,
      faults: facts.faults.filter((f) => phaseOf(ran, f.fromMs) === p),
    })),
    slos: plan.scenario.slos,
    ...(facts.judgeSlos ? {} : { slosJudged: false as const }),
    attempts: facts.attempts,
    ...(facts.load ? { load: facts.load } : {}),
    ledger: truth.ledger,
    orders: truth.orders,
    inventory: truth.inventory,
    publishedEvents: truth.publishedEvents,
    webhooks: truth.webhooks,
    ...(truth.taxTransactions ? { taxTransactions: truth.taxTransactions } : {}),
    ...(truth.fraudDecisions ? { fraudDecisions: truth.fraudDecisions } : {}),
    faultsInjected: [...facts.faults],
    ...(facts.breakers ? { breakers: facts.breakers } : {}),
    ...(facts.reconciliation ? { reconciliation: facts.reconciliation } : {}),
    ...(facts.queue ? { queue: facts.queue } : {}),
  }
}

/** The one phase a fault applied at `fromMs` belongs to: the last that had started by then. */
function phaseOf<P extends { startMs: number }>(phases: readonly P[], fromMs: number): P | undefined {
  return phases.findLast((p) => p.startMs <= fromMs + APPLIED_SLACK_MS)
}
