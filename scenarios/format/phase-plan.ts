import type { JourneyKind, RateStage, Scenario, TrafficMix, Workload } from './scenario.js'

/** The mix of a scenario that names none: every arrival checks out. */
export const DEFAULT_MIX: Readonly<TrafficMix> = { checkout: 1 }

/** The mix of a phase's `browseRate` workload: the product list and product pages, evenly. */
export const BROWSING_MIX: Readonly<TrafficMix> = { browse: 1, view: 1 }

/** A workload as the driver plays it: times within its phase, rates scaled, its mix filled in. */
export type PlannedWorkload = Workload & { mix: TrafficMix }

/** A phase as the driver plays it: absolute start in ms since the run started. */
export interface DrivenPhase {
  name: string
  startMs: number
  durationMs: number
  /** The phase's target journey arrivals per second: its open-model workloads' average rate. */
  rate: number
  /** What arrives, side by side; a closed-model workload (`constant-vus`) has no target rate. */
  workloads: PlannedWorkload[]
}

/** A phase with absolute times, its scaled rates and the faults it carries. */
export interface PlannedPhase extends DrivenPhase {
  /** Browsing requests per second (0 = none): the phase's `browseRate`, else the scenario's `browse.rate`. */
  browseRate: number
  faults: NonNullable<Scenario['phases'][number]['faults']>
}

/**
 * Lays a scenario's phases end to end, scaled by the CLI's flags: `durationMs` stretches or
 * shrinks every phase (and every ramp's stages) in proportion to the scenario's total; `rate`
 * multiplies every arrival rate and every workload's virtual users by rate / scenario.rate — the
 * browsing rate too, so the mix stays the same. A scenario keeps its shape whatever the flags.
 *
 * A phase without `workloads` gets one: `default`, a constant arrival rate of the scenario's mix;
 * a browsing rate adds `browsing`, a constant arrival rate of product list and page reads.
 */
export function planPhases(
  scenario: Scenario,
  scale: { durationMs?: number; rate?: number } = {},
): PlannedPhase[] {
  const total = scenario.phases.reduce((sum, p) => sum + p.durationMs, 0)
  const timeFactor = scale.durationMs !== undefined && total > 0 ? scale.durationMs / total : 1
  const rateFactor = scale.rate !== undefined ? scale.rate / scenario.rate : 1
  const mix = scenario.mix ?? DEFAULT_MIX
  let startMs = 0
  return scenario.phases.map((phase) => {
    const durationMs = Math.max(1, Math.round(phase.durationMs * timeFactor))
    const browseRate = (phase.browseRate ?? scenario.browse?.rate ?? 0) * rateFactor
    const declared: Workload[] = phase.workloads ?? [
      { name: 'default', executor: 'constant-arrival-rate', rate: phase.rate ?? scenario.rate },
    ]
    const workloads = declared.map((w) => scaleWorkload({ mix, ...w }, timeFactor, rateFactor, durationMs))
    if (browseRate > 0)
      workloads.push({
        name: 'browsing',
        executor: 'constant-arrival-rate',
        rate: browseRate,
        mix: BROWSING_MIX,
      })
    const planned: PlannedPhase = {
      name: phase.name,
      startMs,
      durationMs,
      rate: targetRate(
        workloads.filter((w) => w.name !== 'browsing'),
        durationMs,
      ),
      workloads,
      browseRate,
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

function scaleWorkload(
  workload: PlannedWorkload,
  timeFactor: number,
  rateFactor: number,
  phaseMs: number,
): PlannedWorkload {
  switch (workload.executor) {
    case 'constant-arrival-rate':
      return { ...workload, rate: workload.rate * rateFactor }
    case 'ramping-arrival-rate': {
      const startRate = (workload.startRate ?? 0) * rateFactor
      const stages = workload.stages.map((stage) => ({
        durationMs: Math.max(1, Math.round(stage.durationMs * timeFactor)),
        target: stage.target * rateFactor,
      }))
      return { ...workload, startRate, stages: cutStages(stages, startRate, phaseMs) }
    }
    case 'constant-vus':
      return {
        ...workload,
        vus: Math.max(1, Math.round(workload.vus * rateFactor)),
        thinkTimeMs: workload.thinkTimeMs ?? 0,
      }
  }
}

/** The stages within the phase: the one that crosses its end is cut there, at the rate it reached. */
function cutStages(stages: RateStage[], startRate: number, phaseMs: number): RateStage[] {
  const cut: RateStage[] = []
  let at = 0
  let from = startRate
  for (const stage of stages) {
    if (at >= phaseMs) break
    if (at + stage.durationMs <= phaseMs) cut.push(stage)
    else {
      const kept = phaseMs - at
      cut.push({ durationMs: kept, target: from + ((stage.target - from) * kept) / stage.durationMs })
    }
    at += stage.durationMs
    from = stage.target
  }
  return cut
}

/**
 * Arrivals a ramping workload asks for in its first `atMs`: the integral of its rate, so the
 * i-th arrival is due when this reaches i (k6's ramping-arrival-rate does the same).
 */
export function rampArrivalsBy(workload: { startRate?: number; stages: RateStage[] }, atMs: number): number {
  let from = workload.startRate ?? 0
  let at = 0
  let arrivals = 0
  for (const stage of workload.stages) {
    const span = Math.min(stage.durationMs, Math.max(0, atMs - at))
    const reached = from + ((stage.target - from) * span) / stage.durationMs
    arrivals += ((from + reached) / 2) * (span / 1000)
    if (atMs <= at + stage.durationMs) return arrivals
    at += stage.durationMs
    from = stage.target
  }
  return arrivals + from * ((atMs - at) / 1000)
}

/** The average open-model arrival rate over a phase (closed-model workloads have none). */
function targetRate(workloads: readonly PlannedWorkload[], phaseMs: number): number {
  let arrivals = 0
  for (const w of workloads) {
    if (w.executor === 'constant-arrival-rate') arrivals += w.rate * (phaseMs / 1000)
    else if (w.executor === 'ramping-arrival-rate') arrivals += rampArrivalsBy(w, phaseMs)
  }
  return phaseMs > 0 ? arrivals / (phaseMs / 1000) : 0
}

/** The journey kinds a mix can draw, with a weight above 0, in a stable order. */
export function mixKinds(mix: TrafficMix): JourneyKind[] {
  return (Object.keys(mix) as JourneyKind[]).filter((kind) => (mix[kind] ?? 0) > 0).sort()
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
