import type { RecoveryResult } from './report.js'
import { measureScope } from './scope-metrics.js'
import { evaluateSlos } from './slo-evaluation.js'
import type { ClientAttempt, RunRecord, SloSpec } from './types.js'

/** One second of checkouts, by intended start. */
const WINDOW_MS = 1_000
/** Seconds in a row every per-second SLO must hold to call the system recovered. */
const HOLDING_WINDOWS = 3
/** Judged per second when a scenario has no SLO that applies after its faults. */
const DEFAULT_PER_SECOND: SloSpec = {
  name: 'availability at least 99%',
  metric: 'availability',
  comparator: '>=',
  threshold: 0.99,
  unit: 'ratio',
}

/**
 * Time to recover, per healed fault: from the fault's end to the start of the first of three
 * consecutive one-second windows (checkouts by intended start) in which every per-second SLO
 * holds. The per-second SLOs are the scenario's availability, error-rate and latency SLOs over
 * the whole run or over a phase without faults — a budget written for a fault's own phase says
 * how bad the fault may get, not what recovered looks like — else availability ≥ 99%. A window
 * with no checkout holds; only seconds under load count. `recoveryMs` is absent when the load
 * ended before three such seconds.
 *
 * @example recoveryTimes(record) // [{ target: 'psp-app', kind: 'vendor:hang', faultEndMs: 14000, recoveredAtMs: 15000, recoveryMs: 1000 }]
 */
export function recoveryTimes(record: RunRecord): RecoveryResult[] {
  const specs = perSecondSlos(record)
  return record.faultsInjected
    .filter((fault) => fault.toMs > fault.fromMs)
    .map((fault) => {
      // The phase it was applied in (a timer may fire a few ms early, as run-record.ts allows).
      const phase = record.phases.findLast((p) => p.startMs <= fault.fromMs + 5)?.name
      const base = {
        target: fault.target,
        kind: fault.kind,
        ...(phase === undefined ? {} : { phase }),
        faultEndMs: round(fault.toMs),
      }
      let streak = 0
      // Only windows the load covered: an unloaded second proves nothing.
      for (let start = fault.toMs; start + WINDOW_MS <= record.durationMs; start += WINDOW_MS) {
        const inWindow = record.attempts.filter(
          (a) => a.intendedStartMs >= start && a.intendedStartMs < start + WINDOW_MS,
        )
        streak = holds(specs, inWindow) ? streak + 1 : 0
        if (streak === HOLDING_WINDOWS) {
          const recoveredAtMs = start - (HOLDING_WINDOWS - 1) * WINDOW_MS
          return {
            ...base,
            recoveredAtMs: round(recoveredAtMs),
            recoveryMs: round(recoveredAtMs - fault.toMs),
          }
        }
      }
      return base
    })
}

function perSecondSlos(record: RunRecord): SloSpec[] {
  const faulted = new Set(record.phases.filter((p) => p.faults.length > 0).map((p) => p.name))
  const specs = record.slos
    // Judged on the checkout journeys of each second; a `latency.<operation>.pNN` SLO is measured
    // from the driver's per-operation histograms, which have no per-second window, so it is left out.
    .filter((s) => s.metric === 'availability' || s.metric === 'errorRate' || isJourneyLatency(s.metric))
    .filter((s) => s.phase === undefined || !faulted.has(s.phase))
    .map(({ phase: _phase, ...spec }) => spec)
  return specs.length > 0 ? specs : [DEFAULT_PER_SECOND]
}

/** `latency.p99`, `latency.max`: the checkout journey's latency, not one operation's. */
function isJourneyLatency(metric: string): boolean {
  return /^latency\.(p\d+|max)$/.test(metric)
}

function holds(specs: readonly SloSpec[], attempts: readonly ClientAttempt[]): boolean {
  if (attempts.length === 0) return true
  const scope = measureScope(attempts, 0, WINDOW_MS)
  return evaluateSlos(specs, scope, new Map()).every((slo) => slo.pass)
}

function round(ms: number): number {
  return Math.round(ms)
}
