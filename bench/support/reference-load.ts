// The baselines the load driver is timed against in the same run: the plainest open-model
// scheduler (a setImmediate loop that starts every arrival that has fallen due) and the plainest
// closed model (N loops, each starting its next journey when the last one ends). Neither keeps
// figures beyond a lag histogram (the driver's own): they are what "no overhead" costs on this
// machine today.
import { ScheduleStats } from '../../scenarios/load/load-metrics.js'
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

/** What a baseline is handed: the player, the run's length, and the clock the player reads too. */
interface BaselineOptions {
  player: JourneyPlayer
  durationMs: number
  now: () => number
}

const ref = (index: number): JourneyRef => ({ index, idempotencyKey: `ref-${index}`, kind: 'browse' })

/**
 * Arrival i is due at i × 1000 / rate ms; every setImmediate turn starts the ones due by then.
 * It polls (a core at 100% while it runs): its lag is the floor an event-loop scheduler can reach.
 */
export async function referenceOpen(options: BaselineOptions & { rate: number }): Promise<LoadRun> {
  const { player, rate, durationMs, now } = options
  const total = Math.floor((durationMs / 1000) * rate)
  // The driver's recorder, so both report lag to the same resolution and pay the same to record it.
  const schedule = new ScheduleStats()
  const pending = new Set<Promise<unknown>>()
  const start = now()
  let i = 0
  await new Promise<void>((resolve) => {
    const turn = (): void => {
      const at = now() - start
      while (i < total && (i * 1000) / rate <= at) {
        schedule.lag.record(at - (i * 1000) / rate)
        const run = player.run(ref(i++)).finally(() => pending.delete(run))
        pending.add(run)
      }
      if (i < total) setImmediate(turn)
      else resolve()
    }
    setImmediate(turn)
  })
  await Promise.all([...pending])
  schedule.scheduled = total
  schedule.started = i
  return { ...schedule.figures(), durationMs: now() - start }
}

/** `vus` loops, each starting its next journey as soon as the last one ended, for `durationMs`. */
export async function referenceClosed(options: BaselineOptions & { vus: number }): Promise<LoadRun> {
  const { player, vus, durationMs, now } = options
  const start = now()
  let started = 0
  const loop = async (): Promise<void> => {
    while (now() - start < durationMs) await player.run(ref(started++))
  }
  await Promise.all(Array.from({ length: vus }, loop))
  return { scheduled: started, started, dropped: 0, durationMs: now() - start }
}
