/** Formatting shared by the text renderers; the figures themselves stay numbers in report.json. */
import type { BrowsingSummary, SloResult } from './report.js'

/** `812.5 ms`. */
export function formatMs(ms: number): string {
  return `${round2(ms)} ms`
}

/** A 0–1 ratio as a percentage with up to 3 decimals: `99.5%`. */
export function formatRatio(ratio: number): string {
  return `${Math.round(ratio * 100_000) / 1000}%`
}

/** A figure in its SLO unit. */
export function formatFigure(value: number, unit: SloResult['unit']): string {
  return unit === 'ms' ? formatMs(value) : formatRatio(value)
}

/** `≤` / `≥`. */
export function comparatorSymbol(comparator: SloResult['comparator']): string {
  return comparator === '<=' ? '≤' : '≥'
}

/** `phase "outage"` or `the whole run`. */
export function scopeOf(slo: Pick<SloResult, 'phase'>): string {
  return slo.phase === undefined ? 'the whole run' : `phase "${slo.phase}"`
}

/** The SLO's actual figure, or why there is none. */
export function formatActual(slo: SloResult): string {
  return slo.actual === undefined
    ? `n/a (${slo.reason ?? 'not measured'})`
    : formatFigure(slo.actual, slo.unit)
}

/** `≤ 500 ms`. */
export function formatTarget(slo: SloResult): string {
  return `${comparatorSymbol(slo.comparator)} ${formatFigure(slo.threshold, slo.unit)}`
}

/** Seconds with one decimal: `12.3 s`. */
export function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

/** A figure that may be absent: `—` when it is. */
export function orDash<T>(value: T | undefined, format: (value: T) => string): string {
  return value === undefined ? '—' : format(value)
}

/**
 * Browsing's KPIs in one line, the same in every text renderer.
 * @example formatBrowsing(report.browsing) // '400 requests, 398 succeeded, 2 failed; availability 99.5%; p50 3 ms, …'
 */
export function formatBrowsing(browsing: BrowsingSummary): string {
  const counts = `${browsing.attempted} requests, ${browsing.succeeded} succeeded, ${browsing.failed} failed`
  const { availability, latency } = browsing
  if (availability === undefined || latency === undefined) return counts
  return (
    `${counts}; availability ${formatRatio(availability)}; p50 ${formatMs(latency.p50)}, ` +
    `p95 ${formatMs(latency.p95)}, p99 ${formatMs(latency.p99)}, max ${formatMs(latency.max)}`
  )
}

function round2(value: number): string {
  return String(Math.round(value * 100) / 100)
}
