import * as hdr from 'hdr-histogram-js'
import type { LatencyFigures } from '../../reports/types.js'

/** The longest latency a histogram tells apart: 10 minutes, in µs (longer ones count as this). */
const HIGHEST_US = 600_000_000

/**
 * Latencies in an HDR histogram of microseconds (3 significant digits, about 85 KB whatever the
 * count), so a long run keeps no sample; the maximum is kept exactly beside it.
 */
export class LatencyRecorder {
  readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  })
  maxMs = 0

  get count(): number {
    return this.histogram.totalCount
  }

  record(ms: number): void {
    const us = Math.round(ms * 1000)
    this.histogram.recordValue(us <= 0 ? 0 : us >= HIGHEST_US ? HIGHEST_US : us)
    if (ms > this.maxMs) this.maxMs = ms
  }

  /** Adds another recorder's values (a phase's into the run's). */
  add(other: LatencyRecorder): void {
    if (other.count === 0) return
    this.histogram.add(other.histogram)
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs
  }

  /**
   * The value at `percentile` (0–100), ms to 2 decimals; 0 when empty. Capped at the exact
   * maximum: HDR answers a bucket's highest equivalent value, which can sit just above it (as
   * reports/latency-summary.ts caps the attempts' percentiles).
   */
  percentileMs(percentile: number): number {
    if (this.count === 0) return 0
    return roundMs(Math.min(this.histogram.getValueAtPercentile(percentile) / 1000, this.maxMs))
  }

  figures(): LatencyFigures | undefined {
    if (this.count === 0) return undefined
    return {
      p50: this.percentileMs(50),
      p90: this.percentileMs(90),
      p95: this.percentileMs(95),
      p99: this.percentileMs(99),
      max: roundMs(this.maxMs),
    }
  }

  reset(): void {
    this.histogram.reset()
    this.maxMs = 0
  }
}

/** ms to 2 decimals, as every latency figure of report.json is. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100
}
