// The baselines the load driver is timed against in the same run: the plainest open-model
// scheduler (a setImmediate loop that starts every arrival that has fallen due) and the plainest
// closed model (N loops, each starting its next journey when the last one ends). Neither keeps
// figures beyond a lag histogram: they are what "no overhead" costs on this machine today.
import * as hdr from 'hdr-histogram-js'
import type { JourneyPlayer, JourneyRef } from '../../scenarios/target/target.js'

/** What one load run did, whoever drove it. */
export interface LoadRun {
  /** Arrivals the shape asked for (open model); journeys started (closed model). */
  scheduled: number
  started: number
  /** Arrivals not started because too many were in flight (the driver's k6-style dropped iterations). */
  dropped: number
  /** From the start of the schedule to the last journey's end. */
  durationMs: number
  /** Send lag (actual start − intended start), ms; open model only. */
  lagMs?: { p50: number; p99: number; max: number }
}

/** A histogram of lags in microseconds, read back in ms. */
export function lagHistogram(): { record(ms: number): void; figures(): LoadRun['lagMs'] } {
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  })
  let max = 0
  return {
    record(ms) {
      const us = Math.max(1, Math.round(ms * 1000))
      if (us > max) max = us
      histogram.recordValue(Math.min(us, 60_000_000))
    },
    figures: () =>
      histogram.totalCount === 0
        ? undefined
        : {
            p50: histogram.getValueAtPercentile(50) / 1000,
            p99: histogram.getValueAtPercentile(99) / 1000,
            max: max / 1000,
          },
  }
}

const ref = (index: number): JourneyRef => ({ index, idempotencyKey: `ref-${index}`, kind: 'browse' })

/**
 * Arrival i is due at i × 1000 / rate ms; every setImmediate turn starts the ones due by then.
 * It polls (a core at 100% while it runs): its lag is the floor an event-loop scheduler can reach.
 */
export async function referenceOpen(options: {
  player: JourneyPlayer
  rate: number
  durationMs: number
  now: () => number
}): Promise<LoadRun> {
  const { player, rate, durationMs, now } = options
  const total = Math.floor((durationMs / 1000) * rate)
  const lag = lagHistogram()
  const pending = new Set<Promise<unknown>>()
  const start = now()
  let i = 0
  await new Promise<void>((resolve) => {
    const turn = (): void => {
      const at = now() - start
      while (i < total && (i * 1000) / rate <= at) {
        lag.record(at - (i * 1000) / rate)
        const run = player.run(ref(i++)).finally(() => pending.delete(run))
        pending.add(run)
      }
      if (i < total) setImmediate(turn)
      else resolve()
    }
    setImmediate(turn)
  })
  await Promise.all([...pending])
  return { scheduled: total, started: i, dropped: 0, durationMs: now() - start, lagMs: lag.figures() }
}

/** `vus` loops, each starting its next journey as soon as the last one ended, for `durationMs`. */
export async function referenceClosed(options: {
  player: JourneyPlayer
  vus: number
  durationMs: number
  now: () => number
}): Promise<LoadRun> {
  const { player, vus, durationMs, now } = options
  const start = now()
  let started = 0
  const loop = async (): Promise<void> => {
    while (now() - start < durationMs) await player.run(ref(started++))
  }
  await Promise.all(Array.from({ length: vus }, loop))
  return { scheduled: started, started, dropped: 0, durationMs: now() - start }
}
