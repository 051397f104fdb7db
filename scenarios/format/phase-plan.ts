import type { Scenario } from './scenario.js'

/** A phase as the driver plays it: absolute start in ms since the run started. */
export interface DrivenPhase {
  name: string
  startMs: number
  durationMs: number
  /** Checkouts per second. */
  rate: number
}

/** A phase with absolute times, its scaled rates and the faults it carries. */
export interface PlannedPhase extends DrivenPhase {
  /** Browsing requests per second (0 = none): the phase's `browseRate`, else the scenario's `browse.rate`. */
  browseRate: number
  faults: NonNullable<Scenario['phases'][number]['faults']>
}

/**
 * Lays a scenario's phases end to end, scaled by the CLI's flags: `durationMs` stretches or
 * shrinks every phase in proportion to the scenario's total; `rate` multiplies every phase's rate
 * by rate / scenario.rate — the browsing rate too, so the mix of browsing and checkout stays the
 * same. A scenario keeps its shape whatever the flags.
 */
export function planPhases(
  scenario: Scenario,
  scale: { durationMs?: number; rate?: number } = {},
): PlannedPhase[] {
  const total = scenario.phases.reduce((sum, p) => sum + p.durationMs, 0)
  const timeFactor = scale.durationMs !== undefined && total > 0 ? scale.durationMs / total : 1
  const rateFactor = scale.rate !== undefined ? scale.rate / scenario.rate : 1
  let startMs = 0
  return scenario.phases.map((phase) => {
    const durationMs = Math.max(1, Math.round(phase.durationMs * timeFactor))
    const planned: PlannedPhase = {
      name: phase.name,
      startMs,
      durationMs,
      rate: (phase.rate ?? scenario.rate) * rateFactor,
      browseRate: (phase.browseRate ?? scenario.browse?.rate ?? 0) * rateFactor,
      // Timed faults keep their place in the phase when it stretches or shrinks.
      faults: (phase.faults ?? []).map((f) =>
        f.kind === 'process'
          ? {
              ...f,
              atMs: Math.round((f.atMs ?? 0) * timeFactor),
              forMs: Math.round((f.forMs ?? 1_000) * timeFactor),
            }
          : f,
      ),
    }
    startMs += durationMs
    return planned
  })
}

/** Parses `15s`, `1m30s`, `500ms`, `2m` or a bare number of seconds into ms; undefined if invalid. */
export function parseDuration(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (units[unit as string] ?? 0), 0)
}

/**
 * The phases as far as a run stopped early at `stoppedAtMs` got: the one under way cut there, the
 * ones after it left out.
 * @example cutPhases(planPhases(scenario), 9_000)
 */
export function cutPhases<P extends { startMs: number; durationMs: number }>(
  phases: readonly P[],
  stoppedAtMs: number,
): P[] {
  return phases
    .filter((phase) => phase.startMs < stoppedAtMs)
    .map((phase) => ({ ...phase, durationMs: Math.min(phase.durationMs, stoppedAtMs - phase.startMs) }))
}
