import { round } from './load-summary.js'
import type { QueueReport, RecoveryResult, SloResult } from './report.js'
import type { ScopeMetrics } from './scope-metrics.js'
import type { LatencyFigures, SloMetric, SloSpec } from './types.js'

type Measured = { actual: number } | { reason: string }

/**
 * Judges each SLO over its phase (or the whole run). An SLO whose figure cannot be computed
 * fails, with `actual` absent and a `reason`: an objective nobody measured has not been met.
 * `latency.pNN` is read from the checkout journeys, `latency.<operation>.pNN` from the scope's
 * per-operation figures (the driver's);
 * `recovery` feeds `recovery.ms`, `queue` (report.json's `queue`, absent when the run read none)
 * feeds `queue.drain.ms`; both are measured per fault, not per scope.
 * @example evaluateSlos([{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 500, unit: 'ms' }], run, byPhase)
 */
export function evaluateSlos(
  specs: readonly SloSpec[],
  run: ScopeMetrics,
  byPhase: ReadonlyMap<string, ScopeMetrics>,
  recovery: readonly RecoveryResult[] = [],
  queue?: QueueReport,
): SloResult[] {
  return specs.map((spec) => {
    const scope = spec.phase === undefined ? run : byPhase.get(spec.phase)
    const where = spec.phase === undefined ? 'the run' : `phase "${spec.phase}"`
    const measured: Measured =
      scope === undefined
        ? { reason: `no phase named "${spec.phase}" was played` }
        : spec.metric === 'recovery.ms'
          ? measureRecovery(recovery, spec.phase, where)
          : spec.metric === 'queue.drain.ms'
            ? measureQueueDrain(queue, spec.phase, where)
            : measure(spec.metric, scope, where)
    const base = {
      name: spec.name,
      metric: spec.metric,
      comparator: spec.comparator,
      threshold: spec.threshold,
      unit: spec.unit,
      ...(spec.phase === undefined ? {} : { phase: spec.phase }),
    }
    if ('reason' in measured) return { ...base, pass: false, reason: measured.reason }
    const pass =
      spec.comparator === '<=' ? measured.actual <= spec.threshold : measured.actual >= spec.threshold
    return { ...base, actual: measured.actual, pass }
  })
}

/** The slowest recovery of the faults healed in the run (or in the phase); an unrecovered one fails. */
function measureRecovery(
  recovery: readonly RecoveryResult[],
  phase: string | undefined,
  where: string,
): Measured {
  const results = recovery.filter((r) => phase === undefined || r.phase === phase)
  if (results.length === 0) return { reason: `no fault was healed in ${where}` }
  const never = results.find((r) => r.recoveryMs === undefined)
  if (never) return { reason: `${never.kind} on ${never.target} had not recovered when the load ended` }
  return { actual: Math.max(...results.map((r) => r.recoveryMs ?? 0)) }
}

/**
 * The slowest drain of the message backlog after the broker-link faults of the run (or of the
 * phase they were applied in). A backlog that never drained fails it; one that drained with a
 * later fault's is judged there (and alone in its phase, it cannot be measured: it fails).
 */
function measureQueueDrain(
  queue: QueueReport | undefined,
  phase: string | undefined,
  where: string,
): Measured {
  if (queue === undefined)
    return { reason: 'the run read no queue (the platform answered no GET /__admin/queue)' }
  const drains = queue.drains.filter((d) => phase === undefined || d.phase === phase)
  if (drains.length === 0) return { reason: `no fault hit the broker link in ${where}` }
  const judged = drains.filter((d) => d.overtakenAtMs === undefined)
  const overtaken = drains.find((d) => d.overtakenAtMs !== undefined)
  if (judged.length === 0 && overtaken)
    return {
      reason:
        `the backlog of ${overtaken.kind} on ${overtaken.target} was still draining when a later broker ` +
        'fault began; it drained with that one',
    }
  const never = judged.find((d) => d.drainMs === undefined)
  if (never)
    return { reason: `the backlog of ${never.kind} on ${never.target} had not drained when the run ended` }
  return { actual: Math.max(...judged.map((d) => d.drainMs ?? 0)) }
}

/** `latency.pNN` (the checkout journey's) and `latency.<operation>.pNN` (one HTTP operation's). */
type LatencyMetric = Extract<SloMetric, `latency.${string}`>

function isLatencyMetric(metric: SloMetric): metric is LatencyMetric {
  return metric.startsWith('latency.')
}

/**
 * A latency figure over the scope: `latency.pNN` from the checkout journeys, `latency.<operation>.pNN`
 * from the driver's histograms of that operation.
 */
function measureLatency(metric: LatencyMetric, scope: ScopeMetrics, where: string): Measured {
  // `latency.p99` names a figure of the checkout journeys, `latency.view.p99` one of an operation.
  const [figure, operation] = metric.split('.').slice(1).reverse() as [keyof LatencyFigures, string?]
  if (operation === undefined)
    return scope.latencyMs === undefined
      ? { reason: `no checkouts were attempted in ${where}` }
      : { actual: scope.latencyMs[figure] }
  if (scope.operations === undefined)
    return { reason: 'the run recorded no per-operation figures (its load driver kept none)' }
  const latency = scope.operations[operation]?.latencyMs
  return latency === undefined
    ? { reason: `no ${operation} requests were sent in ${where}` }
    : { actual: latency[figure] }
}

function measure(metric: SloMetric, scope: ScopeMetrics, where: string): Measured {
  if (isLatencyMetric(metric)) return measureLatency(metric, scope, where)
  const nothing = { reason: `no checkouts were attempted in ${where}` }
  switch (metric) {
    case 'availability':
      return scope.availability === undefined ? nothing : { actual: scope.availability }
    case 'errorRate':
      return scope.availability === undefined ? nothing : { actual: round(1 - scope.availability) }
    case 'achievedRateRatio':
      if (scope.load.targetRate <= 0) return { reason: `${where} has no target rate` }
      // @note a schedule can round up to one extra arrival; the ratio is a 0–1 figure, so it is capped.
      return { actual: Math.min(1, round(scope.load.achievedRate / scope.load.targetRate)) }
    case 'recovery.ms':
      return { reason: 'recovery is measured per fault, not per scope' }
    case 'queue.drain.ms':
      return { reason: 'the queue’s drain is measured per fault, not per scope' }
    case 'browse.availability':
    case 'browse.latency.p99': {
      // Browsing is judged on its own requests only: a checkout never stands in for a page read.
      const browsing = scope.browsing
      if (browsing === undefined)
        return { reason: 'the run did not browse (the scenario sets no browse rate)' }
      if (browsing.attempted === 0) return { reason: `no browsing requests were attempted in ${where}` }
      const actual = metric === 'browse.availability' ? browsing.availability : browsing.latency?.p99
      return actual === undefined ? { reason: `no browsing requests were attempted in ${where}` } : { actual }
    }
    default: {
      const unknown: never = metric
      return { reason: `unknown metric ${String(unknown)}` }
    }
  }
}
