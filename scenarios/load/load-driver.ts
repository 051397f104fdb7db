import * as hdr from 'hdr-histogram-js'
import type { ClientAttempt } from '../../reports/types.js'
import type { DrivenPhase } from '../format/phase-plan.js'
import type { JourneyRef, JourneyResult } from '../target/target.js'
import { sleep } from './abortable-sleep.js'

/** Figures for the live line: the last second and the run so far. */
export interface LiveStats {
  atMs: number
  phase: string
  inFlight: number
  attempted: number
  ok: number
  fail: number
  info: number
  /** Checkouts started in the last interval, per second. */
  startedPerS: number
  /** Latency of checkouts that ended in the last interval, ms (0 when none ended). */
  p50Ms: number
  p99Ms: number
}

export interface LoadDriverOptions {
  phases: DrivenPhase[]
  /** Runs one journey; must settle (it owns its timeouts). */
  journey: (ref: JourneyRef) => Promise<JourneyResult>
  /** Monotonic ms since the run started. */
  now: () => number
  /** Builds the i-th idempotency key. */
  keyFor: (index: number) => string
  /** A bound on concurrent journeys; arrivals beyond it are recorded as indeterminate, never queued. */
  maxInFlight?: number
  /** Called about once a second with live figures. */
  onTick?: (stats: LiveStats) => void
  /** Stops scheduling new arrivals (Ctrl-C). */
  signal?: AbortSignal
}

/**
 * An open-model load driver: arrival i of a phase is due at `start + i / rate` whatever the
 * responses do, and its latency is measured from that intended time — so a stalled system shows
 * up as latency instead of silently lowering the offered load (no coordinated omission).
 */
export async function driveLoad(options: LoadDriverOptions): Promise<ClientAttempt[]> {
  const { phases, journey, now, keyFor, onTick, signal } = options
  const maxInFlight = options.maxInFlight ?? 2_000
  const attempts: ClientAttempt[] = []
  const pending = new Set<Promise<void>>()
  const interval = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000,
    numberOfSignificantValueDigits: 3,
  })
  let counter = 0
  let ok = 0
  let fail = 0
  let info = 0
  let startedInInterval = 0
  let currentPhase = phases[0]?.name ?? ''
  let lastTickMs = now()

  const record = (attempt: ClientAttempt): void => {
    attempts.push(attempt)
    if (attempt.outcome.type === 'ok') ok++
    else if (attempt.outcome.type === 'fail') fail++
    else info++
    // Microseconds, so sub-millisecond latencies keep their precision.
    interval.recordValue(Math.max(1, Math.round(attempt.latencyMs * 1000)))
  }

  const tick = (): void => {
    const at = now()
    const elapsedS = Math.max(0.001, (at - lastTickMs) / 1000)
    onTick?.({
      atMs: at,
      phase: currentPhase,
      inFlight: pending.size,
      attempted: counter,
      ok,
      fail,
      info,
      startedPerS: startedInInterval / elapsedS,
      p50Ms: interval.totalCount > 0 ? interval.getValueAtPercentile(50) / 1000 : 0,
      p99Ms: interval.totalCount > 0 ? interval.getValueAtPercentile(99) / 1000 : 0,
    })
    interval.reset()
    startedInInterval = 0
    lastTickMs = at
  }
  const ticker = onTick ? setInterval(tick, 1_000) : undefined

  const launch = (phase: string, intendedStartMs: number): void => {
    const index = counter++
    const idempotencyKey = keyFor(index)
    startedInInterval++
    if (pending.size >= maxInFlight) {
      record({
        idempotencyKey,
        phase,
        intendedStartMs,
        endMs: now(),
        latencyMs: now() - intendedStartMs,
        tries: 0,
        outcome: { type: 'info', reason: 'driver-saturated' },
      })
      return
    }
    const run = journey({ index, idempotencyKey })
      .catch((error: unknown): JourneyResult => ({
        outcome: { type: 'info', reason: `driver-error: ${String(error)}` },
        tries: 1,
      }))
      .then(({ outcome, tries }) => {
        const endMs = now()
        record({
          idempotencyKey,
          phase,
          intendedStartMs,
          endMs,
          latencyMs: endMs - intendedStartMs,
          tries,
          outcome,
        })
      })
      .finally(() => pending.delete(run))
    pending.add(run)
  }

  try {
    for (const phase of phases) {
      currentPhase = phase.name
      const total = Math.floor((phase.durationMs / 1000) * phase.rate)
      for (let i = 0; i < total && !signal?.aborted; i++) {
        const intended = phase.startMs + (i * 1000) / phase.rate
        const wait = intended - now()
        if (wait > 0) await sleep(wait, signal)
        if (signal?.aborted) break
        launch(phase.name, intended)
      }
      const phaseEnd = phase.startMs + phase.durationMs
      if (!signal?.aborted && phaseEnd > now()) await sleep(phaseEnd - now(), signal)
    }
    await Promise.all([...pending])
  } finally {
    if (ticker) clearInterval(ticker)
  }
  if (onTick) tick()
  return attempts.sort((a, b) => a.intendedStartMs - b.intendedStartMs)
}
