import { sleep } from '../load/abortable-sleep.js'
import type { FaultController } from './fault-controller.js'
import type { PlannedPhase } from '../format/phase-plan.js'

/** Applies each phase's faults at its start and heals them at its end, on the run's clock. */
export async function playPhaseFaults(
  phases: readonly PlannedPhase[],
  faults: FaultController,
  now: () => number,
  event: (e: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  for (const phase of phases) {
    await sleep(phase.startMs - now(), signal)
    if (signal?.aborted) return
    event(`phase ${phase.name}: ${phase.rate.toFixed(1)}/s for ${(phase.durationMs / 1000).toFixed(1)} s`)
    const applied = await faults.apply(phase.faults, phase.name)
    for (const f of applied)
      event(`fault on ${f.record.target}: ${f.record.kind} ${JSON.stringify(f.record.params)}`)
    await sleep(phase.startMs + phase.durationMs - now(), signal)
    const failures = await faults.heal(applied)
    if (applied.length > 0)
      event(`healed ${applied.length - failures.length} fault(s) of phase ${phase.name}`)
    for (const failure of failures) event(`could not heal a fault of phase ${phase.name}: ${failure.message}`)
  }
}
