import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { stopwatch, systemClock, type Clock } from '../../lib/clock.js'
import type { Report } from '../../reports/index.js'
import type { ClientAttempt, TimeseriesPoint } from '../../reports/types.js'
import type { PlannedPhase } from '../format/phase-plan.js'
import type { ResolvedScenario } from '../format/resolve-scenario.js'
import type { LiveStats } from '../load/load-driver.js'
import { newRunId } from '../stack/run-id.js'
import { startStack, type Stack } from '../stack/start-stack.js'
import { watchBreakers } from './breaker-watch.js'
import { lastReconcile } from './last-reconcile.js'
import { watchQueue } from './queue-watch.js'
import { buildRunRecord } from './run-record.js'
import { warmUp } from './warm-up.js'

/** Everything a game day needs, resolved by the CLI (or a test). */
export interface RunOptions {
  /** The scenario with its defaults filled and its flags applied (format/resolve-scenario.ts). */
  plan: ResolvedScenario
  outDir: string
  /** 'embedded' (PGlite) or a postgres:// URL. */
  db: string
  /** Every safeguard by name, true = on. */
  safeguards: Record<string, boolean>
  /** False: measure the SLOs but judge the run on its integrity checks alone (`--no-slos`). @default true */
  judgeSlos?: boolean
  /** A real Toxiproxy to use instead of the embedded one. */
  toxiproxyUrl?: string
  /** A NATS server with JetStream for the platform's OrderPaid events (`NATS_URL`). @default the embedded broker */
  natsUrl?: string
  /** Where the PGlite template is cached. */
  cacheDir?: string
  /** The longest quiescence before the ground truth is read, ms. @default the scenario's `settleMs`, else 5000 */
  settleMs?: number
  /** Journeys run before the clock starts (not in the figures). @default 8 */
  warmUp?: number
  /** @default systemClock */
  clock?: Clock
  /** Progress for the terminal: one call a second during load. */
  onLive?: (stats: LiveStats) => void
  /** Each finished second of load (`--out json=FILE`), with the phase it fell in. */
  onSecond?: (point: TimeseriesPoint & { phase: string }) => void
  /** One-line events: components started, faults applied, phases. */
  onEvent?: (event: string) => void
  /** Aborting stops the load, heals every fault, and still writes a report. */
  signal?: AbortSignal
}

/** Every operation and journey of a run, one JSON object per line, in the run's folder (docs/history.md). */
const HISTORY_FILE = 'history.ndjson'

export interface RunResult {
  report: Report
  /** Every journey of the load, by intended start: what each shopper saw. */
  history: ClientAttempt[]
  files: string[]
  interrupted: boolean
  /** ms from the start of the process to the first request sent. */
  startupMs: number
}

/**
 * Plays a game day: start the stack → warm up → play the phases (load and faults) → heal →
 * settle → read the ground truth → analyse → write the reports. The stack is closed on every
 * path out, which heals whatever fault is still applied and stops every process.
 */
export async function runGameDay(options: RunOptions): Promise<RunResult> {
  const { plan } = options
  const clock = options.clock ?? systemClock
  const event = options.onEvent ?? (() => {})
  if (plan.scenario.needs?.includes('postgres') && !options.db.startsWith('postgres')) {
    throw new Error(
      `Scenario "${plan.scenario.name}" needs a real Postgres: pass --db postgres://… or set DATABASE_URL`,
    )
  }
  const runId = newRunId()
  const watch = stopwatch(clock)
  const stack = await startStack({
    db: options.db,
    seed: plan.seed,
    safeguards: options.safeguards,
    ...(plan.scenario.platform ? { platform: plan.scenario.platform } : {}),
    // The embedded database is served over the wire, behind the `db` link, only for a game day
    // that attacks that link: the wire costs throughput every other game day need not pay.
    dbLink: plan.scenario.phases.some((p) =>
      p.faults?.some((f) => (f.kind === 'toxic' || f.kind === 'link') && f.target === 'db'),
    ),
    runId,
    ...(options.toxiproxyUrl ? { toxiproxyUrl: options.toxiproxyUrl } : {}),
    ...(options.natsUrl ? { natsUrl: options.natsUrl } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    clock,
    elapsed: watch.elapsed,
    onEvent: event,
  })
  try {
    await stack.target.prepare({ stock: plan.stock })
    for (const [sku, units] of Object.entries(plan.stock)) event(`stock of ${sku} set to ${units}`)
    // The process's own clock counts from its start: the command's whole start-up.
    const startupMs = process.uptime() * 1000
    const warmUpStarted = clock.monotonic()
    // Stopped during start-up: nothing to warm; the load below stops at once, and the report says so.
    const warmUpCount = options.signal?.aborted ? 0 : (options.warmUp ?? 8)
    await warmUp(stack.target, {
      baseUrl: stack.endpoints.links.platform,
      shopper: plan.shopper,
      count: warmUpCount,
      keyPrefix: runId,
    })
    event(`warmed up with ${warmUpCount} checkouts in ${Math.round(clock.monotonic() - warmUpStarted)} ms`)

    // Everything the load needs is loaded and opened before the clock starts: the first arrivals'
    // latency runs from their intended start, and must not include module loading.
    const ready = await prepareLoad(stack, options, watch.elapsed)
    watch.restart()
    const zeroEpochMs = clock.now()
    const startedAt = new Date(zeroEpochMs).toISOString()
    const breakers = watchBreakers({
      platformUrl: () => stack.endpoints.platform,
      clock,
      zeroEpochMs,
      onEvent: event,
    })
    // The backlog a broker fault leaves drains after the heal, often during the settle wait: the
    // queue is read from the first checkout until the run has settled. On the faults' clock.
    const queue = watchQueue({ platformUrl: () => stack.endpoints.platform, clock, elapsed: watch.elapsed })
    const { attempts, browses, durationMs, load } = await playPhases(
      stack,
      options,
      ready,
      runId,
      watch.elapsed,
      event,
    ).catch(async (error: unknown) => {
      await Promise.all([breakers.stop(), queue.stop()])
      throw error
    })
    await stack.faults.healAll()

    const settleMs = options.settleMs ?? plan.scenario.settleMs ?? 5_000
    const quiet = await stack.groundTruth.settle(settleMs)
    // Quiet means every paid order's event left the outbox; the consumer may still be behind: its
    // drain is a figure of the report, so the rest of the settle budget is spent waiting for it.
    if (!(await queue.untilEmpty(Math.max(0, settleMs - quiet.waitedMs))))
      event('the message queue had not drained when the settle wait ended')
    const breakerSpans = await breakers.stop()
    const queueRecord = await queue.stop()
    // One more pass, so the ground truth is what the reconciler leaves (it runs every 2 s anyway).
    const reconciliation =
      options.safeguards.reconciler === false
        ? undefined
        : await lastReconcile(stack.endpoints.platform, zeroEpochMs, event)
    event(
      `${quiet.settled ? 'settled' : 'still unsettled'} after ${Math.round(quiet.waitedMs)} ms of quiescence`,
    )
    const truth = await stack.groundTruth.read()
    const interrupted = options.signal?.aborted ?? false
    const checkoutRecord = buildRunRecord({
      plan,
      safeguards: options.safeguards,
      judgeSlos: options.judgeSlos ?? true,
      startedAt,
      durationMs,
      interrupted,
      attempts,
      load,
      truth,
      faults: stack.faults.timeline,
      breakers: breakerSpans,
      ...(reconciliation ? { reconciliation } : {}),
      ...(queueRecord ? { queue: queueRecord } : {}),
    })
    // Browsing rides beside the checkouts: present only when the scenario browsed.
    const record = browses ? { ...checkoutRecord, browses } : checkoutRecord
    // Loaded only now: nothing of it is needed before the run ends.
    const { analyze, writeReports } = await import('../../reports/index.js')
    const report = analyze(record)
    const { files } = await writeReports(report, options.outDir)
    return { report, history: attempts, files, interrupted, startupMs }
  } finally {
    await stack.close()
  }
}

/** The load's modules, its history file and its player, ready before the run's clock starts. */
async function prepareLoad(stack: Stack, options: RunOptions, now: () => number) {
  const [{ driveLoad }, { playPhaseFaults }, { readBrowses, readCheckoutAttempts }] = await Promise.all([
    import('../load/load-driver.js'),
    import('../faults/phase-faults.js'),
    import('../load/history-reader.js'),
  ])
  await mkdir(options.outDir, { recursive: true })
  const historyFile = join(options.outDir, HISTORY_FILE)
  const history = createWriteStream(historyFile)
  // Browsing and checkouts share the `platform` link, so a fault there hits both.
  const player = stack.target.journeys({
    baseUrl: stack.endpoints.links.platform,
    shopper: options.plan.shopper,
    now,
  })
  return { driveLoad, playPhaseFaults, readBrowses, readCheckoutAttempts, historyFile, history, player }
}

/**
 * The load (every workload of every phase) and the phases' faults side by side, on the run's
 * clock. Every operation streams to `history.ndjson` in the run's folder while it runs; only
 * histograms and counters stay in memory, and the checkout journeys the integrity checks need are
 * read back from the file afterwards. A fault that cannot be applied makes the game day
 * meaningless: the load stops and the run fails (exit 2) rather than report a pass for faults that
 * never happened.
 */
async function playPhases(
  stack: Stack,
  options: RunOptions,
  ready: Awaited<ReturnType<typeof prepareLoad>>,
  runId: string,
  now: () => number,
  event: (e: string) => void,
) {
  const { driveLoad, playPhaseFaults, readBrowses, readCheckoutAttempts, historyFile, history, player } =
    ready
  const { phases } = options.plan
  const faultFailure = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, faultFailure.signal]) : faultFailure.signal
  let faultError: Error | undefined
  const phaseFaults = playPhaseFaults(phases, stack.faults, now, event, signal).catch((error: unknown) => {
    faultError = error as Error
    faultFailure.abort()
  })
  const onSecond = options.onSecond
  try {
    const { figures, durationMs } = await driveLoad({
      phases,
      player,
      now,
      keyFor: (i) => `${runId}-${i}`,
      seed: options.plan.seed,
      population: options.plan.population,
      history,
      ...(options.onLive ? { onTick: options.onLive } : {}),
      ...(onSecond
        ? { onSecond: (point) => onSecond({ ...point, phase: phaseAt(phases, point.atMs - 1) }) }
        : {}),
      signal,
    })
    await new Promise<void>((resolve, reject) =>
      history.end((error?: Error | null) => (error ? reject(error) : resolve())),
    )
    await phaseFaults
    if (faultError) throw new Error(`Failed to apply a fault: ${faultError.message}`)
    const attempts = await readCheckoutAttempts(historyFile)
    const browsed =
      (figures.operations.browse?.attempted ?? 0) + (figures.operations.view?.attempted ?? 0) > 0
    const browses = browsed ? await readBrowses(historyFile) : undefined
    return { attempts, browses, durationMs, load: { ...figures, historyFile: HISTORY_FILE } }
  } finally {
    history.destroy()
    await player.close()
  }
}

/** The phase under way at `atMs` (the last one, past the end). */
function phaseAt(phases: readonly PlannedPhase[], atMs: number): string {
  return (phases.findLast((p) => p.startMs <= atMs) ?? phases[0])?.name ?? ''
}
