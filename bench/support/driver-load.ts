// The project's load driver (scenarios/load/load-driver.ts) playing one bench workload: a closed
// model of `vus` shoppers with no think time, or an open model at `rate` arrivals a second, every
// journey a `browse`, a population of patient shoppers, no history file (the bench measures the
// driver, not the disk).
import type { DrivenPhase } from '../../scenarios/format/phase-plan.js'
import { driveLoad } from '../../scenarios/load/load-driver.js'
import type { JourneyPlayer } from '../../scenarios/target/target.js'
import type { LoadRun } from './reference-load.js'

export type BenchWorkload = { model: 'closed'; vus: number } | { model: 'open'; rate: number }

/** The one phase a bench run is: `durationMs` long from the run's start. */
function benchPhase(workload: BenchWorkload, durationMs: number): DrivenPhase {
  return workload.model === 'open'
    ? {
        name: 'open',
        startMs: 0,
        durationMs,
        rate: workload.rate,
        workloads: [
          { name: 'open', executor: 'constant-arrival-rate', rate: workload.rate, mix: { browse: 1 } },
        ],
      }
    : {
        name: 'closed',
        startMs: 0,
        durationMs,
        rate: 0,
        workloads: [
          { name: 'closed', executor: 'constant-vus', vus: workload.vus, thinkTimeMs: 0, mix: { browse: 1 } },
        ],
      }
}

/**
 * Drives `player` with the project's driver.
 * @param now the clock `player` reads too: ms since the run started (read it from 0 just before).
 */
export async function driverLoad(options: {
  player: JourneyPlayer
  workload: BenchWorkload
  durationMs: number
  now: () => number
}): Promise<LoadRun> {
  const { player, workload, durationMs, now } = options
  const start = now()
  const { figures } = await driveLoad({
    phases: [benchPhase(workload, durationMs)],
    player,
    now,
    keyFor: (index) => `bench-${index}`,
    seed: 1,
    population: { size: 1000, impatient: 0, impatientAfterMs: 1000, freshKeyRetry: 0 },
  })
  return { ...figures.schedule, durationMs: now() - start }
}
