import type { TimeseriesPoint } from '../../reports/types.js'
import { LatencyRecorder, roundMs } from './latency-recorder.js'

/** Points kept: a day of seconds. Past it the oldest hour goes (the history file has them all). */
const TIMESERIES_CAP = 86_400

/** Distinct error kinds counted in one second; the rest are counted as `other`. */
const ERROR_KINDS_PER_SECOND = 64

/** The live figures of a second that ended (checkout journeys, as the live line shows them). */
export interface SecondFigures {
  /** Length of the second: 1000, or less for the last, partial one. */
  spanMs: number
  checkoutsStarted: number
  checkoutP50Ms: number
  checkoutP99Ms: number
  lagP99Ms: number
}

/**
 * The run second by second: each event lands in the second `now()` puts it in, and a second is
 * closed (a `TimeseriesPoint`) as soon as time has moved past it. Only the current second is in
 * memory besides the finished points.
 */
export class Timeseries {
  readonly points: TimeseriesPoint[] = []
  private second = 0
  private arrivals = 0
  private completions = 0
  private checkoutsStarted = 0
  private readonly checkoutLatency = new LatencyRecorder()
  private readonly lag = new LatencyRecorder()
  private errors = new Map<string, number>()

  constructor(
    private readonly onSecond: (point: TimeseriesPoint, figures: SecondFigures, kept: boolean) => void,
  ) {}

  /** Closes every second that ended before `atMs`; call before recording an event at `atMs`. */
  advance(atMs: number): void {
    const second = Math.floor(atMs / 1000)
    while (this.second < second) this.close((this.second + 1) * 1000, 1000, true)
  }

  arrival(isCheckout: boolean, lagMs: number | undefined): void {
    this.arrivals++
    if (isCheckout) this.checkoutsStarted++
    if (lagMs !== undefined) this.lag.record(lagMs)
  }

  completion(checkoutLatencyMs: number | undefined): void {
    this.completions++
    if (checkoutLatencyMs !== undefined) this.checkoutLatency.record(checkoutLatencyMs)
  }

  error(kind: string): void {
    const key = this.errors.has(kind) || this.errors.size < ERROR_KINDS_PER_SECOND ? kind : 'other'
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1)
  }

  /** Ends the series at `atMs`: the last, partial second becomes a point if anything happened in it. */
  finish(atMs: number): void {
    this.advance(atMs)
    const busy = this.arrivals > 0 || this.completions > 0 || this.errors.size > 0
    this.close(atMs, Math.max(1, atMs - this.second * 1000), busy)
  }

  private close(endMs: number, spanMs: number, keep: boolean): void {
    const latencyMs =
      this.checkoutLatency.count > 0
        ? {
            p50: this.checkoutLatency.percentileMs(50),
            p95: this.checkoutLatency.percentileMs(95),
            p99: this.checkoutLatency.percentileMs(99),
          }
        : undefined
    const point: TimeseriesPoint = {
      atMs: roundMs(endMs),
      arrivals: this.arrivals,
      completions: this.completions,
      ...(latencyMs ? { latencyMs } : {}),
      errors: Object.fromEntries(this.errors),
    }
    if (keep) {
      if (this.points.length >= TIMESERIES_CAP) this.points.splice(0, TIMESERIES_CAP / 24)
      this.points.push(point)
    }
    this.onSecond(
      point,
      {
        spanMs,
        checkoutsStarted: this.checkoutsStarted,
        checkoutP50Ms: this.checkoutLatency.percentileMs(50),
        checkoutP99Ms: this.checkoutLatency.percentileMs(99),
        lagP99Ms: this.lag.percentileMs(99),
      },
      keep,
    )
    this.second++
    this.arrivals = 0
    this.completions = 0
    this.checkoutsStarted = 0
    this.checkoutLatency.reset()
    this.lag.reset()
    this.errors = new Map()
  }
}
