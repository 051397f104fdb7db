import type { PlannedPhase, PlannedWorkload } from '../format/phase-plan.js'
import type { ResolvedScenario } from '../format/resolve-scenario.js'
import { sloThresholds } from './k6-thresholds.js'

/**
 * The part of k6's `Options` an export writes (our own type: the repo's tsconfig keeps k6's
 * globals out; the typecheck test holds it to `k6/options` through the generated script).
 */
export interface K6Options {
  scenarios: Record<string, K6Scenario>
  thresholds: Record<string, string[]>
  summaryTrendStats: string[]
  /** Present (true) when the shopper opens a connection per request (`shopper.keepAlive: false`). */
  noConnectionReuse?: true
}

interface K6ScenarioBase {
  /** The phase's start: ms since the run started, as a k6 duration. */
  startTime: string
  /** The exported function that plays the workload's arrivals. */
  exec: string
  tags: { phase: string; workload: string }
}

export type K6Scenario =
  | (K6ScenarioBase & {
      executor: 'constant-arrival-rate'
      rate: number
      timeUnit: string
      duration: string
      preAllocatedVUs: number
      maxVUs: number
    })
  | (K6ScenarioBase & {
      executor: 'ramping-arrival-rate'
      startRate: number
      timeUnit: string
      stages: Array<{ duration: string; target: number }>
      preAllocatedVUs: number
      maxVUs: number
    })
  | (K6ScenarioBase & { executor: 'constant-vus'; vus: number; duration: string })

/** The k6 scenario of one (phase × workload), or why there is none. */
export interface ScenarioEntry {
  /** The k6 scenario's name: `<phase>-<workload>`, in k6's alphabet (letters, digits, `_`, `-`). */
  name: string
  phase: PlannedPhase
  workload: PlannedWorkload
  /** Absent when the workload asks for no arrivals (k6 refuses a rate of 0): `skipped` says so. */
  scenario?: K6Scenario
  skipped?: string
}

/** Trend statistics k6's end-of-test summary prints: the percentiles the SLOs speak of. */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)']

/** k6's cap on VUs per scenario here, as the game day's driver caps journeys in flight. */
const MAX_VUS_CAP = 2_000

/**
 * What a resolved scenario asks of k6: one scenario per (phase × workload) with its executor
 * mapped as is, starting at the phase's start, and thresholds from the SLOs k6 can judge.
 * @example k6Options(resolveScenario(baseline)).scenarios['steady-default']
 */
export function k6Options(resolved: ResolvedScenario): K6Options {
  const scenarios: Record<string, K6Scenario> = {}
  for (const entry of scenarioEntries(resolved)) if (entry.scenario) scenarios[entry.name] = entry.scenario
  return {
    scenarios,
    thresholds: sloThresholds(resolved.scenario.slos).thresholds,
    summaryTrendStats: [...SUMMARY_TREND_STATS],
    ...(resolved.shopper.keepAlive ? {} : { noConnectionReuse: true as const }),
  }
}

/** Every (phase × workload) in order, with its k6 scenario and exec function names. */
export function scenarioEntries(resolved: ResolvedScenario): ScenarioEntry[] {
  const names = new Set<string>()
  const execs = execNames(resolved.phases)
  return resolved.phases.flatMap((phase) =>
    phase.workloads.map((workload): ScenarioEntry => {
      const name = uniqueName(`${k6Name(phase.name)}-${k6Name(workload.name)}`, names, '_')
      const exec = execs.get(workload) as string
      const skipped = noArrivals(workload)
      if (skipped) return { name, phase, workload, skipped }
      return {
        name,
        phase,
        workload,
        scenario: k6Scenario(phase, workload, exec, resolved.shopper.timeoutMs),
      }
    }),
  )
}

/**
 * One exec function per workload: workloads of the same name that play the same mix (the
 * `default` of every phase, say) share one; a name reused for another mix gets the phase's name.
 */
export function execNames(phases: readonly PlannedPhase[]): Map<PlannedWorkload, string> {
  const byBehaviour = new Map<string, string>()
  const used = new Set<string>()
  const names = new Map<PlannedWorkload, string>()
  for (const phase of phases) {
    for (const workload of phase.workloads) {
      const behaviour = `${workload.name}\n${JSON.stringify(workloadBehaviour(workload))}`
      let name = byBehaviour.get(behaviour)
      if (name === undefined) {
        const base = identifier(`play ${workload.name}`)
        name = used.has(base) ? uniqueName(identifier(`play ${workload.name} ${phase.name}`), used, '') : base
        used.add(name)
        byBehaviour.set(behaviour, name)
      }
      names.set(workload, name)
    }
  }
  return names
}

/** What an exec function plays: the mix, and a closed-model shopper's think time. */
export function workloadBehaviour(workload: PlannedWorkload): {
  mix: PlannedWorkload['mix']
  thinkTimeMs: number
} {
  return {
    mix: workload.mix,
    thinkTimeMs: workload.executor === 'constant-vus' ? (workload.thinkTimeMs ?? 0) : 0,
  }
}

function k6Scenario(
  phase: PlannedPhase,
  workload: PlannedWorkload,
  exec: string,
  timeoutMs: number,
): K6Scenario {
  const base: K6ScenarioBase = {
    startTime: k6Duration(phase.startMs),
    exec,
    tags: { phase: phase.name, workload: workload.name },
  }
  switch (workload.executor) {
    case 'constant-arrival-rate': {
      const unit = rateUnit([workload.rate])
      return {
        executor: 'constant-arrival-rate',
        rate: unit.per(workload.rate),
        timeUnit: unit.timeUnit,
        duration: k6Duration(phase.durationMs),
        ...vusFor(workload.rate, timeoutMs),
        ...base,
      }
    }
    case 'ramping-arrival-rate': {
      const startRate = workload.startRate ?? 0
      const stages = heldToPhaseEnd(workload.stages, startRate, phase.durationMs)
      const unit = rateUnit([startRate, ...stages.map((s) => s.target)])
      return {
        executor: 'ramping-arrival-rate',
        startRate: unit.per(startRate),
        timeUnit: unit.timeUnit,
        stages: stages.map((s) => ({ duration: k6Duration(s.durationMs), target: unit.per(s.target) })),
        ...vusFor(Math.max(startRate, ...stages.map((s) => s.target)), timeoutMs),
        ...base,
      }
    }
    case 'constant-vus':
      return { executor: 'constant-vus', vus: workload.vus, duration: k6Duration(phase.durationMs), ...base }
  }
}

/** Why a workload gets no k6 scenario: k6 refuses a constant rate of 0, and a ramp that stays at 0 plays nothing. */
function noArrivals(workload: PlannedWorkload): string | undefined {
  if (workload.executor === 'constant-arrival-rate' && workload.rate <= 0) return 'a rate of 0: no arrivals'
  if (
    workload.executor === 'ramping-arrival-rate' &&
    (workload.startRate ?? 0) <= 0 &&
    workload.stages.every((s) => s.target <= 0)
  )
    return 'a ramp that stays at 0: no arrivals'
  if (workload.executor === 'constant-vus' && workload.vus <= 0) return 'no virtual users'
  return undefined
}

/**
 * Our ramp holds its last target to the phase's end; k6's stops with its stages, so the hold is
 * a stage of its own.
 */
function heldToPhaseEnd(
  stages: ReadonlyArray<{ durationMs: number; target: number }>,
  startRate: number,
  phaseMs: number,
): Array<{ durationMs: number; target: number }> {
  const rampMs = stages.reduce((sum, s) => sum + s.durationMs, 0)
  const last = stages.at(-1)?.target ?? startRate
  return rampMs < phaseMs ? [...stages, { durationMs: phaseMs - rampMs, target: last }] : [...stages]
}

/**
 * VUs for an open-model workload: a second's arrivals ready, and enough to keep arriving while
 * every journey of the last request timeout hangs — a stall shows as latency, not as less load.
 */
function vusFor(peakPerS: number, timeoutMs: number): { preAllocatedVUs: number; maxVUs: number } {
  const preAllocatedVUs = Math.min(MAX_VUS_CAP, Math.max(1, Math.ceil(peakPerS)))
  const maxVUs = Math.min(MAX_VUS_CAP, Math.max(preAllocatedVUs, Math.ceil((peakPerS * timeoutMs) / 1000)))
  return { preAllocatedVUs, maxVUs }
}

/**
 * k6 counts arrivals in whole iterations per `timeUnit`: a rate of 2.5/s becomes 5 per 2 s…
 * here the first of 1 s, 10 s, 1 min, 100 s, 1000 s in which every rate is whole (else rounded
 * per 1000 s).
 */
export function rateUnit(ratesPerS: readonly number[]): {
  timeUnit: string
  per: (ratePerS: number) => number
} {
  const seconds = [1, 10, 60, 100, 1000].find((s) =>
    ratesPerS.every((r) => Math.abs(r * s - Math.round(r * s)) < 1e-6),
  )
  const s = seconds ?? 1000
  return { timeUnit: s === 60 ? '1m' : `${s}s`, per: (r) => Math.round(r * s) }
}

/** ms as a k6 duration: `15s`, `1500ms`, `0s`. */
export function k6Duration(ms: number): string {
  const whole = Math.round(ms)
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${whole}ms`
}

/** A name in k6's scenario alphabet. */
function k6Name(text: string): string {
  return text.replace(/[^0-9A-Za-z_-]+/g, '_') || '_'
}

/** camelCase identifier: `play warm-up` → `playWarmUp`. */
function identifier(text: string): string {
  const words = text.split(/[^0-9A-Za-z]+/).filter(Boolean)
  const id = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1))).join('')
  return /^[A-Za-z_$]/.test(id) ? id : `_${id}`
}

function uniqueName(base: string, used: Set<string>, separator: string): string {
  let name = base
  for (let n = 2; used.has(name); n++) name = `${base}${separator}${n}`
  used.add(name)
  return name
}
