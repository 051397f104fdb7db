import { summarizeBrowsing } from './browse-summary.js'
import type { PhaseReport } from './report.js'
import { measureScope, type ScopeMetrics } from './scope-metrics.js'
import type { BrowseRequest, DriverFigures, PhaseRecord, RunRecord } from './types.js'

/** The whole run's metrics and each phase's, keyed by phase name. */
export interface MeasuredRun {
  run: ScopeMetrics
  phases: PhaseReport[]
  byPhase: Map<string, ScopeMetrics>
}

/**
 * Measures the whole run and each phase. The run's achieved rate is over its load time: the
 * phases with a target rate above 0 (the whole duration when no phase has one). Browsing, when
 * the run browsed, is measured beside the checkouts in every scope, never among them.
 */
export function measureRun(record: RunRecord): MeasuredRun {
  const attemptsByPhase = groupByPhase(record.attempts)
  const browsesByPhase = groupByPhase(record.browses ?? [])
  const browsingOf = (requests: readonly BrowseRequest[]) =>
    record.browses === undefined ? {} : { browsing: summarizeBrowsing(requests) }
  const driverPhases = new Map((record.load?.phases ?? []).map((phase) => [phase.name, phase]))
  const byPhase = new Map<string, ScopeMetrics>()
  const phases = record.phases.map((phase): PhaseReport => {
    const metrics = {
      ...measureScope(
        attemptsByPhase.get(phase.name) ?? [],
        phase.targetRate,
        durationOf(phase),
        record.load === undefined ? undefined : (driverPhases.get(phase.name) ?? NOTHING_DRIVEN),
      ),
      ...browsingOf(browsesByPhase.get(phase.name) ?? []),
    }
    byPhase.set(phase.name, metrics)
    return { name: phase.name, startMs: phase.startMs, endMs: phase.endMs, faults: phase.faults, ...metrics }
  })
  const loadPhases = record.phases.filter((phase) => phase.targetRate > 0)
  const loadDurationMs =
    loadPhases.length > 0 ? loadPhases.reduce((sum, phase) => sum + durationOf(phase), 0) : record.durationMs
  const run = {
    ...measureScope(record.attempts, record.targetRate, loadDurationMs, record.load),
    ...browsingOf(record.browses ?? []),
  }
  return { run, phases, byPhase }
}

/** A phase the driver listed no figures for (a quiet one): nothing scheduled, nothing sent. */
const NOTHING_DRIVEN: DriverFigures = {
  operations: {},
  journeys: {},
  schedule: { scheduled: 0, started: 0, dropped: 0 },
}

function groupByPhase<T extends { phase: string }>(items: readonly T[]): Map<string, T[]> {
  const byPhase = new Map<string, T[]>()
  for (const item of items) {
    const list = byPhase.get(item.phase) ?? []
    list.push(item)
    byPhase.set(item.phase, list)
  }
  return byPhase
}

function durationOf(phase: PhaseRecord): number {
  return Math.max(0, phase.endMs - phase.startMs)
}
