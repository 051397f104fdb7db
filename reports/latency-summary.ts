import { build } from 'hdr-histogram-js'

import type { LatencySummary } from './report.js'

/** Recording resolution: latencies are recorded in microseconds. */
const MICROS_PER_MS = 1000
/** One hour in µs; the histogram auto-resizes beyond it, so this only sizes the first allocation. */
const HIGHEST_TRACKABLE_MICROS = 3_600_000_000

/** How `summarizeLatency` measures, stated in the report as `latencyMethod`. */
export const LATENCY_METHOD =
  'HDR histogram (hdr-histogram-js, 3 significant digits, recorded in µs, reported in ms to 2 decimals) ' +
  "of every checkout attempt's latency from its intended start time in the open-model schedule to the end " +
  'of its last try (client retries and queueing included, whatever the outcome): no coordinated omission. ' +
  'max is exact; percentiles are capped at it.'

/**
 * Summarises latencies (ms) into HDR percentiles; `undefined` when there are none, since a
 * percentile of nothing is not 0.
 * @example summarizeLatency([12.5, 40, 7]) // { p50: 12.5, …, max: 40 }
 */
export function summarizeLatency(latenciesMs: readonly number[]): LatencySummary | undefined {
  if (latenciesMs.length === 0) return undefined
  const histogram = build({
    highestTrackableValue: HIGHEST_TRACKABLE_MICROS,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  })
  let maxMs = 0
  try {
    for (const latencyMs of latenciesMs) {
      const clamped = Number.isFinite(latencyMs) && latencyMs > 0 ? latencyMs : 0
      maxMs = Math.max(maxMs, clamped)
      histogram.recordValue(Math.round(clamped * MICROS_PER_MS))
    }
    // @note HDR reports a bucket's highest equivalent value, which can sit just above the true
    // maximum; no recorded value exceeds max, so a percentile is capped there.
    const at = (percentile: number): number =>
      toMs(Math.min(histogram.getValueAtPercentile(percentile), Math.round(maxMs * MICROS_PER_MS)))
    return { p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: roundMs(maxMs) }
  } finally {
    histogram.destroy()
  }
}

function toMs(micros: number): number {
  return roundMs(micros / MICROS_PER_MS)
}

function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100
}
