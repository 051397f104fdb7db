import { deriveSeed } from '../../lib/random.js'
import type { LoadFigures, TimeseriesPoint } from '../../reports/types.js'
import type { DrivenPhase } from '../format/phase-plan.js'
import type { ShopperPopulation } from '../format/scenario.js'
import type { JourneyPlayer } from '../target/target.js'
import { sleep } from './abortable-sleep.js'
import { constantSchedule, rampingSchedule, type ArrivalSchedule } from './arrival-schedule.js'
import { HistoryBuffer } from './history-buffer.js'
import { JourneyRecorder, type WorkloadGroup } from './journey-recorder.js'
import { loadFigures, PhaseMetrics } from './load-metrics.js'
import { createArrivalDraws, createPopulation, type ArrivalDraw } from './population.js'
import { Timeseries } from './timeseries.js'

/** Figures for the live line: checkout journeys over the last second and the run so far. */
export interface LiveStats {
  atMs: number
  phase: string
  /** Journeys of every kind in flight. */
  inFlight: number
  /** Checkout journeys started so far. */
  attempted: number
  ok: number
  fail: number
  info: number
  /** Checkout journeys started in the last interval, per second. */
  startedPerS: number
  /** Latency of checkout journeys that ended in the last interval, ms (0 when none ended). */
  p50Ms: number
  p99Ms: number
  /** Arrivals of every kind dropped so far (too many in flight). */
  dropped: number
  /** Send lag p99 of the last interval's open-model arrivals, ms (0 when none). */
  lagP99Ms: number
}

export interface LoadDriverOptions {
  phases: DrivenPhase[]
  /** Plays each arrival; always settles (it owns its timeouts). */
  player: JourneyPlayer
  /** Monotonic ms since the run started. */
  now: () => number
  /** The idempotency key of the arrival with this index. */
  keyFor: (index: number) => string
  /** The run's seed: journey kinds and shoppers are drawn from it, never from timing. */
  seed: number
  population: Required<ShopperPopulation>
  /**
   * Journeys one workload may have in flight (k6's maxVUs); an arrival beyond it is dropped:
   * counted and written to the history, never played, never a `ClientAttempt`. @default 2000
   */
  maxInFlight?: number
  /** Where the history goes, one JSON object per line (docs/history.md); each write is whole lines. */
  history?: { write(line: string): void }
  /** About once a second, and once at the end. */
  onTick?: (stats: LiveStats) => void
  /** Each finished second of load, as it ends. */
  onSecond?: (point: TimeseriesPoint) => void
  /** Stops scheduling; journeys in flight still finish. */
  signal?: AbortSignal
}

export interface LoadResult {
  /** `historyFile` is left for the runner, which names the file. */
  figures: LoadFigures
  /** When the last journey ended, ms since the run started. */
  durationMs: number
}

/** @default of {@link LoadDriverOptions.maxInFlight} */
const DEFAULT_MAX_IN_FLIGHT = 2_000

/**
 * Arrivals closer together than this are polled for with setImmediate turns (which let I/O run in
 * between): a timer cannot wake that often, and polling holds the send lag under half a
 * millisecond at 1,000/s. Sparser ones are slept for on a timer, which wakes up to a millisecond
 * or two late: polling the last 2 ms before each arrival spun a core for 2 ms of every arrival's
 * wait, 2 ms of CPU a journey at a game day's 75/s, taken from the platform sharing the cores.
 */
const POLL_UNDER_MS = 1

/** A closed-model user starts at most one journey per this many ms (bounds its arrival indexes). */
const VU_MIN_ITERATION_MS = 0.01

/** An open-model workload of the phase under way. */
interface Lane extends WorkloadGroup {
  schedule: ArrivalSchedule
  draws: { next(): ArrivalDraw }
  /** Its next arrival, 0-based within the workload. */
  next: number
  /** When that arrival is due, ms since the run started; Infinity when none is left. */
  dueMs: number
}

interface ActivePhase {
  startMs: number
  endMs: number
  metrics: PhaseMetrics
  lanes: Lane[]
  /** The index of the phase's next open-model arrival. */
  nextIndex: number
}

/**
 * A k6-style load engine. Each phase plays its workloads side by side — `constant-arrival-rate`
 * and `ramping-arrival-rate` open model (an arrival is due on its schedule whatever the answers,
 * its latency measured from that intended time: no coordinated omission), `constant-vus` closed
 * model — and the phases follow each other on `now()`. Only histograms and counters stay in
 * memory; every operation, journey end and dropped arrival goes to `history`.
 *
 * Arrival indexes (the `JourneyRef.index`, the idempotency key's number) are fixed by the seed and
 * the plan alone: a phase's open-model arrivals are numbered in the order they are due, from the
 * phase's base; its closed-model journeys follow, user `u` of `U` numbering its k-th journey
 * `k·U + u`; the next phase's base is past both (a user is allowed one journey per 10 µs).
 * @example
 * const { figures } = await driveLoad({ phases, player, now, keyFor: (i) => `run-${i}`, seed: 7, population })
 */
export async function driveLoad(options: LoadDriverOptions): Promise<LoadResult> {
  const { phases, now, seed, signal, onTick, onSecond } = options
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT
  const population = createPopulation(seed, options.population)
  const history = new HistoryBuffer(options.history)
  const phaseMetrics: PhaseMetrics[] = []
  let active: ActivePhase | undefined
  let phaseName = phases[0]?.name ?? ''

  const timeseries = new Timeseries((point, second, kept) => {
    history.flush()
    if (kept) onSecond?.(point)
    onTick?.({
      atMs: point.atMs,
      phase: phaseName,
      inFlight: recorder.inFlight,
      attempted: recorder.checkoutsStarted,
      ok: recorder.checkoutsOk,
      fail: recorder.checkoutsFailed,
      info: recorder.checkoutsIndeterminate,
      startedPerS: (second.checkoutsStarted * 1000) / second.spanMs,
      p50Ms: second.checkoutP50Ms,
      p99Ms: second.checkoutP99Ms,
      dropped: recorder.dropped,
      lagP99Ms: second.lagP99Ms,
    })
  })
  const recorder = new JourneyRecorder(
    options.player,
    now,
    options.keyFor,
    population,
    timeseries,
    history,
    () => {
      if (active) launchDue(active, now())
    },
  )
  const users: Array<Promise<void>> = []
  /** The first arrival index of the next phase. */
  let nextBase = 0

  // Seconds close as events arrive; this timer closes the quiet ones too.
  let clockTimer: NodeJS.Timeout | undefined
  const onClock = (): void => {
    const t = now()
    timeseries.advance(t)
    clockTimer = setTimeout(onClock, 1_000 - (t % 1_000) + 1)
    clockTimer.unref()
  }
  onClock()

  const activate = (phase: DrivenPhase, position: number, indexBase: number): ActivePhase => {
    const metrics = new PhaseMetrics(phase.name)
    phaseMetrics.push(metrics)
    phaseName = phase.name
    const lanes: Lane[] = []
    let closedUsers = 0
    for (const workload of phase.workloads) {
      if (workload.executor === 'constant-vus') {
        closedUsers += workload.vus
        continue
      }
      const schedule =
        workload.executor === 'constant-arrival-rate'
          ? constantSchedule(workload.rate, phase.durationMs)
          : rampingSchedule(workload.startRate, workload.stages, phase.durationMs)
      lanes.push({
        name: workload.name,
        phase: metrics,
        inFlight: 0,
        schedule,
        draws: createArrivalDraws(
          deriveSeed(seed, 'arrivals', position, workload.name),
          workload.mix,
          population.size,
        ),
        next: 0,
        dueMs: schedule.count > 0 ? phase.startMs + schedule.dueMs(0) : Infinity,
      })
    }
    const openCount = lanes.reduce((sum, lane) => sum + lane.schedule.count, 0)
    const maxIterations = Math.ceil(phase.durationMs / VU_MIN_ITERATION_MS) + 1
    let userOffset = 0
    for (const workload of phase.workloads) {
      if (workload.executor !== 'constant-vus') continue
      const group: WorkloadGroup = { name: workload.name, phase: metrics, inFlight: 0 }
      for (let u = 0; u < workload.vus; u++) {
        const draws = createArrivalDraws(
          deriveSeed(seed, 'arrivals', position, workload.name, 'vu', u),
          workload.mix,
          population.size,
        )
        users.push(
          virtualUser(group, draws, {
            endMs: phase.startMs + phase.durationMs,
            thinkMs: workload.thinkTimeMs ?? 0,
            firstIndex: indexBase + openCount + userOffset + u,
            stride: closedUsers,
            maxIterations,
          }),
        )
      }
      userOffset += workload.vus
    }
    nextBase = indexBase + openCount + closedUsers * maxIterations
    return {
      startMs: phase.startMs,
      endMs: phase.startMs + phase.durationMs,
      metrics,
      lanes,
      nextIndex: indexBase,
    }
  }

  /** One closed-model user: a journey, then think, until the phase ends (the last one finishes). */
  const virtualUser = async (
    group: WorkloadGroup,
    draws: { next(): ArrivalDraw },
    plan: { endMs: number; thinkMs: number; firstIndex: number; stride: number; maxIterations: number },
  ): Promise<void> => {
    for (let k = 0; k < plan.maxIterations; k++) {
      if (signal?.aborted) return
      const startMs = now()
      if (startMs >= plan.endMs) return
      const { kind, shopperId } = draws.next()
      group.phase.schedule.scheduled++
      const arrival = {
        group,
        index: plan.firstIndex + k * plan.stride,
        kind,
        shopperId,
        intendedStartMs: startMs,
      }
      await recorder.play(arrival, startMs, undefined)
      // A player that answers at once must not starve the timers: a think of 0 still yields a turn,
      // every 16th journey — yielding after each cost a whole event-loop turn per request.
      if (plan.thinkMs > 0) await sleep(plan.thinkMs, signal)
      else if (k % 16 === 15) await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  /** Starts, in the order they are due, every arrival of the phase under way due by `t`; how many. */
  const launchDue = (phase: ActivePhase, t: number): number => {
    const { lanes } = phase
    for (let launched = 0; ; launched++) {
      let lane: Lane | undefined
      for (const candidate of lanes)
        if (candidate.dueMs <= t && (!lane || candidate.dueMs < lane.dueMs)) lane = candidate
      if (!lane) return launched
      const intendedStartMs = lane.dueMs
      lane.next++
      lane.dueMs = lane.next < lane.schedule.count ? phase.startMs + lane.schedule.dueMs(lane.next) : Infinity
      // Drawn for dropped arrivals too, so the stream never depends on what was in flight.
      const { kind, shopperId } = lane.draws.next()
      const arrival = { group: lane, index: phase.nextIndex++, kind, shopperId, intendedStartMs }
      phase.metrics.schedule.scheduled++
      const startMs = now()
      if (lane.inFlight >= maxInFlight) recorder.drop(arrival, startMs)
      else void recorder.play(arrival, startMs, Math.max(0, startMs - intendedStartMs))
    }
  }

  // The scheduler: one loop for every phase and workload, woken by a timer when the next arrival
  // is far, by setImmediate when arrivals come under POLL_UNDER_MS apart; each turn starts every
  // arrival already due.
  await new Promise<void>((resolve) => {
    let nextPhase = 0
    let timer: NodeJS.Timeout | undefined
    let done = false
    /** The last turn polled: the arrivals are dense, so the next near one is polled for too. */
    let polling = false
    const finish = (): void => {
      if (done) return
      done = true
      if (timer) clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      active = undefined
      resolve()
    }
    const onAbort = (): void => finish()
    const turn = (): void => {
      timer = undefined
      if (done) return
      if (signal?.aborted) return finish()
      const t = now()
      let launched = 0
      for (;;) {
        if (active) {
          launched += launchDue(active, t)
          if (t < active.endMs) break
          active = undefined
          continue
        }
        const phase = phases[nextPhase]
        if (!phase) return finish()
        if (t < phase.startMs) break
        active = activate(phase, nextPhase, nextBase)
        nextPhase++
      }
      let wakeMs = active ? active.endMs : (phases[nextPhase]?.startMs ?? t)
      for (const lane of active?.lanes ?? []) if (lane.dueMs < wakeMs) wakeMs = lane.dueMs
      const waitMs = wakeMs - now()
      // A timer that woke a little early (it counts whole ms) sleeps again rather than poll.
      polling = waitMs <= 0 || (waitMs < POLL_UNDER_MS && (launched > 0 || polling))
      if (polling) setImmediate(turn)
      else timer = setTimeout(turn, waitMs)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    turn()
  })

  await Promise.all(users)
  await recorder.idle()
  clearTimeout(clockTimer)
  const endMs = now()
  timeseries.finish(endMs)
  history.flush()
  return { figures: loadFigures(phaseMetrics, timeseries.points), durationMs: endMs }
}
