import type { RateStage } from '../format/scenario.js'

/**
 * When the arrivals of one open-model workload are due, within its phase (ms from the phase's
 * start). Arrival i is due at the first instant the integral of the rate reaches i — so arrival 0
 * is due at 0 and a constant rate r gives `i * 1000 / r`, as k6's arrival-rate executors do.
 */
export interface ArrivalSchedule {
  /** Arrivals due before the phase ends. */
  readonly count: number
  /** Due time of arrival i, ms from the phase start; call with i = 0, 1, 2… in order (it walks the stages). */
  dueMs(i: number): number
}

/** A stretch of linear rate: `fromRate` → `toRate` arrivals/s over `durationMs`. */
interface Segment {
  startMs: number
  durationMs: number
  fromRate: number
  toRate: number
  /** Arrivals due before the segment starts (the integral up to `startMs`). */
  arrivalsBefore: number
}

/** Tolerance on the integral, so a float like 10.000000001 arrivals does not make an 11th. */
const EPSILON = 1e-6

/**
 * @example constantSchedule(50, 200).dueMs(3) // 60
 */
export function constantSchedule(rate: number, phaseMs: number): ArrivalSchedule {
  if (!(rate > 0)) return { count: 0, dueMs: () => Infinity }
  const count = Math.max(0, Math.ceil((phaseMs * rate) / 1000 - EPSILON))
  // Computed from i, never accumulated, so arrival 100 000 is as exact as arrival 1.
  return { count, dueMs: (i) => (i * 1000) / rate }
}

/**
 * A ramp through `stages` from `startRate`, the last target held to the phase's end; each due time
 * is the analytic inverse of the stage's quadratic integral.
 * @example rampingSchedule(0, [{ durationMs: 1000, target: 10 }], 1000).count // 5
 */
export function rampingSchedule(
  startRate: number | undefined,
  stages: readonly RateStage[],
  phaseMs: number,
): ArrivalSchedule {
  const segments: Segment[] = []
  let at = 0
  let from = startRate ?? 0
  let arrivals = 0
  for (const stage of stages) {
    if (at >= phaseMs) break
    const durationMs = Math.min(stage.durationMs, phaseMs - at)
    const toRate = from + ((stage.target - from) * durationMs) / stage.durationMs
    segments.push({ startMs: at, durationMs, fromRate: from, toRate, arrivalsBefore: arrivals })
    arrivals += ((from + toRate) / 2) * (durationMs / 1000)
    at += durationMs
    from = stage.target
  }
  if (at < phaseMs) {
    segments.push({
      startMs: at,
      durationMs: phaseMs - at,
      fromRate: from,
      toRate: from,
      arrivalsBefore: arrivals,
    })
    arrivals += from * ((phaseMs - at) / 1000)
  }
  const count = Math.max(0, Math.ceil(arrivals - EPSILON))
  let k = 0
  return {
    count,
    dueMs(i) {
      if (i >= count) return Infinity
      // Walk forward to the segment whose integral passes i (i only grows).
      while (k + 1 < segments.length && segments[k + 1]!.arrivalsBefore <= i) k++
      const s = segments[k]!
      return s.startMs + secondsToReach(s, i - s.arrivalsBefore) * 1000
    },
  }
}

/**
 * Seconds into a segment at which `n` arrivals have been due: the root of
 * `a·τ² + b·τ = n` with b the starting rate and a half the slope, in the form that stays exact
 * when the slope is 0 or negative.
 */
function secondsToReach(s: Segment, n: number): number {
  if (n <= 0) return 0
  const b = s.fromRate
  const a = (s.toRate - s.fromRate) / (2 * (s.durationMs / 1000))
  const discriminant = b * b + 4 * a * n
  // Rounding can put n a hair past the segment's own integral: clamp to its end.
  if (discriminant <= 0) return s.durationMs / 1000
  const denominator = b + Math.sqrt(discriminant)
  return denominator > 0 ? Math.min((2 * n) / denominator, s.durationMs / 1000) : s.durationMs / 1000
}
