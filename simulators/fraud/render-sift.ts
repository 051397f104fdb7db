import type { AppliedDecision, UserRecord, WorkflowRun } from './fraud-state.js'
import type { AbuseScore } from './sift-score.js'

/** The simulator's one workflow, as Sift names a workflow's configuration. */
export const workflowConfig = {
  id: 'checkout_payment_protection',
  version: '1',
  displayName: 'Checkout payment protection',
} as const

const seconds = (ms: number): number => Math.floor(ms / 1000)

/**
 * A workflow run as Sift shows it in `workflow_statuses` and the Workflow Status API: finished,
 * its decision app first, then the entity and event apps; `route` only when asked for.
 */
export function renderWorkflowRun(run: WorkflowRun, withRoute: boolean): Record<string, unknown> {
  return {
    id: run.id,
    config: { id: workflowConfig.id, version: workflowConfig.version },
    config_display_name: workflowConfig.displayName,
    abuse_types: [run.abuseType],
    state: 'finished',
    entity: { type: run.entity.type, id: run.entity.id },
    history: [
      {
        app: 'decision',
        name: run.decision.name,
        state: 'finished',
        config: { decision_id: run.decision.id },
      },
      { app: run.entity.type, name: 'Entity', state: 'finished', config: {} },
      { app: 'event', name: 'Event', state: 'finished', config: {} },
    ],
    ...(withRoute ? { route: { name: run.routeName } } : {}),
  }
}

/** The Events API's `score_response` (asked for with `return_score` or `return_workflow_status`). */
export function renderScoreResponse(
  userId: string | null,
  scores: Record<string, AbuseScore>,
  runs: readonly WorkflowRun[] | undefined,
  withRoute: boolean,
): Record<string, unknown> {
  return {
    status: 0,
    error_message: 'OK',
    user_id: userId,
    scores,
    latest_labels: {},
    ...(runs ? { workflow_statuses: runs.map((run) => renderWorkflowRun(run, withRoute)) } : {}),
  }
}

function renderLatestDecision(applied: AppliedDecision): Record<string, unknown> {
  return {
    id: applied.decision.id,
    type: applied.decision.category,
    category: applied.decision.category,
    source: 'AUTOMATED_RULE',
    time: seconds(applied.atMs),
    description: applied.decision.name,
  }
}

/**
 * The Score API's answer for a user (`GET|POST /v205/users/{id}/score`): each score with its own
 * status and time, the user's latest decisions, no labels (the Labels API is not simulated).
 */
export function renderUserScore(
  userId: string,
  user: UserRecord,
  scores: Record<string, AbuseScore>,
): Record<string, unknown> {
  const timed: Record<string, unknown> = {}
  for (const [abuseType, score] of Object.entries(scores))
    timed[abuseType] = { status: 0, error_message: 'OK', ...score, time: seconds(user.scoredAtMs) }
  const latestDecisions: Record<string, unknown> = {}
  for (const [abuseType, applied] of user.decisions)
    latestDecisions[abuseType] = renderLatestDecision(applied)
  return {
    status: 0,
    error_message: 'OK',
    entity_type: 'user',
    entity_id: userId,
    user_id: userId,
    scores: timed,
    latest_decisions: latestDecisions,
    latest_labels: {},
  }
}

/** The Decision Status API's answer: the latest decision per abuse type (times in milliseconds). */
export function renderDecisionStatus(decisions: ReadonlyMap<string, AppliedDecision> | undefined): {
  decisions: Record<string, unknown>
} {
  const out: Record<string, unknown> = {}
  for (const [abuseType, applied] of decisions ?? [])
    out[abuseType] = { decision: { id: applied.decision.id }, time: applied.atMs, webhook_succeeded: false }
  return { decisions: out }
}
