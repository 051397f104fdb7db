import type { FraudContext } from './fraud-context.js'
import type { WorkflowRun } from './fraud-state.js'
import { microsToMinor } from './micros.js'
import type { ScoringRules } from './score-assessment.js'
import { decisionFor, type EntityType } from './sift-decisions.js'
import type { SiftEvent } from './sift-event.js'
import { scoreAbuseTypes, type AbuseScore, type ScoreFacts } from './sift-score.js'

/** Events that start the simulator's one workflow, "Checkout payment protection". */
export const workflowTriggers: ReadonlySet<string> = new Set([
  '$create_order',
  '$update_order',
  '$transaction',
])

/** The abuse type the workflow decides on. */
export const workflowAbuseType = 'payment_abuse'

/** What recording an event gave: the scores asked for and the workflow runs it started. */
export interface RecordedEvent {
  /** `$user_id`, or null for an event that names only a session. */
  userId: string | null
  scores: Record<string, AbuseScore>
  runs: WorkflowRun[]
}

function routeName(decision: 'accept' | 'review' | 'reject', rules: ScoringRules): string {
  if (decision === 'reject') return `score >= ${rules.rejectThreshold}: block`
  if (decision === 'review') return `score >= ${rules.reviewThreshold}: watch`
  return `score < ${rules.reviewThreshold}: accept`
}

/**
 * Records an event: merges what it says of the user into the facts the user is scored on, scores
 * the abuse types asked for, and on `$create_order`, `$update_order` and `$transaction` runs the
 * workflow on the order (or the user, when no `$order_id` is sent) and writes the ledger entry.
 * Every call is a new event: a repeated body is recorded again, with the same score and decision.
 */
export function recordEvent(
  ctx: FraudContext,
  event: SiftEvent,
  abuseTypes: readonly string[],
): RecordedEvent {
  const atMs = ctx.now()
  const userId = event.userId ?? null
  const prior = userId === null ? undefined : ctx.state.users.get(userId)
  const amountMinor =
    event.amountMicros === undefined ? null : microsToMinor(event.amountMicros, event.currency)
  const facts: ScoreFacts = {
    userId: userId ?? `session:${event.sessionId ?? ''}`,
    email: event.email ?? prior?.facts.email ?? '',
    amountMinor: amountMinor ?? prior?.facts.amountMinor ?? 0,
    currency: amountMinor === null ? (prior?.facts.currency ?? event.currency) : event.currency,
  }
  const { scores, verdict } = scoreAbuseTypes(facts, abuseTypes, ctx.rules)
  const user = prior ?? { facts, scoredAtMs: atMs, decisions: new Map() }
  user.facts = facts
  user.scoredAtMs = atMs
  if (userId !== null) ctx.state.users.set(userId, user)
  ctx.state.eventCount += 1
  if (!workflowTriggers.has(event.type) || (userId === null && event.orderId === undefined))
    return { userId, scores, runs: [] }

  const entityType: EntityType = event.orderId === undefined ? 'user' : 'order'
  const entityId = event.orderId ?? userId ?? ''
  const decision = decisionFor(entityType, verdict.decision, workflowAbuseType)
  const run: WorkflowRun = {
    id: ctx.ids.next('wfr', 10),
    entity: { type: entityType, id: entityId },
    abuseType: workflowAbuseType,
    decision,
    routeName: routeName(verdict.decision, ctx.rules),
    atMs,
  }
  ctx.state.runs.set(run.id, run)
  const applied = { decision, abuseType: workflowAbuseType, runId: run.id, atMs }
  if (entityType === 'user') user.decisions.set(workflowAbuseType, applied)
  else {
    const decisions = ctx.state.orders.get(entityId) ?? new Map()
    decisions.set(workflowAbuseType, applied)
    ctx.state.orders.set(entityId, decisions)
  }
  ctx.state.record({
    runId: run.id,
    eventType: event.type,
    orderId: event.orderId ?? null,
    userId,
    abuseType: workflowAbuseType,
    score: verdict.score,
    decision: { id: decision.id, category: decision.category },
    amountMinor,
    currency: amountMinor === null ? null : event.currency.toLowerCase(),
    transactionId: event.transactionId ?? null,
    createdAt: new Date(atMs).toISOString(),
  })
  return { userId, scores, runs: [run] }
}
