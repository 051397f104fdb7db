import type { PhaseReport } from './report.js'
import { measureScope, type ScopeMetrics } from './scope-metrics.js'
import type { ClientAttempt, PhaseRecord, RunRecord } from './types.js'

/** The whole run's metrics and each phase's, keyed by phase name. */
export interface MeasuredRun {
  run: ScopeMetrics
  phases: PhaseReport[]
  byPhase: Map<string, ScopeMetrics>
}

/**
 * Measures the whole run and each phase. The run's achieved rate is over its load time: the
 * phases with a target rate above 0 (the whole duration when no phase has one).
 */
export function measureRun(record: RunRecord): MeasuredRun {
  const attemptsByPhase = new Map<string, ClientAttempt[]>()
  for (const attempt of record.attempts) {
    const list = attemptsByPhase.get(attempt.phase) ?? []
    list.push(attempt)
    attemptsByPhase.set(attempt.phase, list)
  }
  const byPhase = new Map<string, ScopeMetrics>()
  const phases = record.phases.map((phase): PhaseReport => {
    const metrics = measureScope(attemptsByPhase.get(phase.name) ?? [], phase.targetRate, durationOf(phase))
    byPhase.set(phase.name, metrics)
    return { name: phase.name, startMs: phase.startMs, endMs: phase.endMs, faults: phase.faults, ...metrics }
  })
  const loadPhases = record.phases.filter((phase) => phase.targetRate > 0)
  const loadDurationMs =
    loadPhases.length > 0 ? loadPhases.reduce((sum, phase) => sum + durationOf(phase), 0) : record.durationMs
  return { run: measureScope(record.attempts, record.targetRate, loadDurationMs), phases, byPhase }
}

function durationOf(phase: PhaseRecord): number {
  return Math.max(0, phase.endMs - phase.startMs)
}
