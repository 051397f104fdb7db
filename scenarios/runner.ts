import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { NetworkFaults } from '../chaos/client.js'
import type { Report } from '../reports/index.js'
import type {
  InventoryItem,
  LedgerEntry,
  PlatformOrder,
  PublishedEvent,
  ReceivedWebhook,
  RunRecord,
} from '../reports/types.js'
import { childEntry, startChild, type StartedChild } from './child-process.js'
import type { LiveStats } from './load-driver.js'
import type * as RunnerDeps from './runner-deps.js'
import { holdLoopbackPort, hostPort, withHostPort } from './local-addresses.js'
import { playPhaseFaults } from './phase-faults.js'
import { cutPhases, planPhases } from './phase-plan.js'
import { PlatformProcess, type PlatformStartConfig } from './platform-process.js'
import { makeRunDir, sweepOrphanRunDirs } from './run-dirs.js'
import { newRunId } from './run-id.js'
import type { Scenario } from './scenario.js'
import { sweepStaleRuns } from './sweep-stale-runs.js'
import { VENDORS_NODE_OPTIONS, type VendorsConfig, type VendorsReady } from './vendors-config.js'

/** Everything a game day needs, resolved by the CLI (or a test). */
export interface RunOptions {
  scenario: Scenario
  /** Total duration; phases scale in proportion. */
  durationMs?: number
  /** Base arrival rate, checkouts/s; phases scale in proportion. */
  rate?: number
  seed: number
  outDir: string
  /** 'embedded' (PGlite) or a postgres:// URL. */
  db: string
  /** Every safeguard by name, true = on. */
  safeguards: Record<string, boolean>
  /** A real Toxiproxy to use instead of the embedded one. */
  toxiproxyUrl?: string
  /** Where the PGlite template is cached. */
  cacheDir?: string
  /** The longest quiescence before the ground truth is read, ms. @default 5000 */
  settleMs?: number
  /** Checkouts run before the clock starts (not in the figures). @default 8 */
  warmUp?: number
  /** Progress for the terminal: one call a second during load. */
  onLive?: (stats: LiveStats) => void
  /** One-line events: components started, faults applied, phases. */
  onEvent?: (event: string) => void
  /** Aborting stops the load, heals every fault, and still writes a report. */
  signal?: AbortSignal
}

export interface RunResult {
  report: Report
  files: string[]
  interrupted: boolean
  /** ms from the start of the process to the first request sent. */
  startupMs: number
}

/**
 * Plays a game day: starts the vendors (simulators + proxy) and the platform as child processes,
 * routes shopper → platform and platform → PSP through proxy links, drives open-model load
 * through the phases while applying and healing their faults, then reads the ground truth (PSP
 * ledger, platform orders) and writes the reports. Every process and fault is cleaned up on
 * every path out.
 */
/** The runner's heavier modules, loaded once: see runner-deps.ts. */
let deps: Promise<typeof RunnerDeps> | undefined
const runnerDeps = () => (deps ??= import('./runner-deps.js'))

export async function runGameDay(options: RunOptions): Promise<RunResult> {
  const t0 = performance.now()
  const now = () => performance.now() - runStart
  let runStart = t0
  const event = options.onEvent ?? (() => {})
  const runId = newRunId()
  const phases = planPhases(options.scenario, {
    ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}),
    ...(options.rate !== undefined ? { rate: options.rate } : {}),
  })
  if (options.scenario.needs?.includes('postgres') && !options.db.startsWith('postgres')) {
    throw new Error(
      `Scenario "${options.scenario.name}" needs a real Postgres: pass --db postgres://… or set DATABASE_URL`,
    )
  }
  const shopper = options.scenario.shopper ?? {}
  const cleanups: Array<() => Promise<void>> = []

  try {
    // The platform is forked at once, with its config, so its database opens while the vendors
    // come up: the PSP link's port is reserved now and the link made on it once the proxy is
    // there (the platform calls the PSP only when load starts), and the webhook secret is ours
    // to give both. A real Postgres is reached through a link too, which must exist before the
    // platform connects, so that config waits for it.
    const webhookSecret = `whsec_${randomBytes(24).toString('base64url')}`
    const pspPort = await holdLoopbackPort()
    cleanups.push(() => pspPort.release())
    const pspListen = pspPort.address
    const dbPort = options.db === 'embedded' ? undefined : await holdLoopbackPort()
    if (dbPort) cleanups.push(() => dbPort.release())
    const dbListen = dbPort?.address
    // The runner owns the embedded database's directory, so it outlives a platform crash and
    // restart; memory-backed /dev/shm when there is one (copying the template to disk is slow).
    const dataDir = options.db === 'embedded' ? await makeRunDir() : undefined
    if (dataDir) cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const pgSchema = dbListen ? `gameday_${runId.replace(/-/g, '_')}` : undefined
    // Runs after the platform has stopped (cleanups run in reverse): a shared server keeps no clutter.
    if (pgSchema) cleanups.push(async () => (await runnerDeps()).dropSchema(options.db, pgSchema))
    const config: PlatformStartConfig = {
      host: '127.0.0.1',
      port: 0,
      db: dbListen ? withHostPort(options.db, dbListen) : 'embedded',
      ...(dataDir ? { dataDir } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(pgSchema ? { pgSchema } : {}),
      pspUrl: `http://${pspListen}`,
      webhookSecret,
      safeguards: options.safeguards,
      seed: options.seed,
    }
    let releaseDbConfig!: (go: boolean) => void
    const dbLinkReady = new Promise<boolean>((resolve) => (releaseDbConfig = resolve))
    const platformConfig = dbListen
      ? dbLinkReady.then((go) => (go ? config : undefined))
      : Promise.resolve(config)

    const vendorsStarting = startChild<VendorsReady>(
      'vendors',
      childEntry('./vendors-process.js', import.meta.url),
      { seed: options.seed, embeddedProxy: !options.toxiproxyUrl, webhookSecret } satisfies VendorsConfig,
      { nodeOptions: VENDORS_NODE_OPTIONS },
    )
    const platformStarting = PlatformProcess.start(platformConfig)
    platformStarting.catch(() => {})
    // Earlier runs that were SIGKILLed left their databases behind; off the start-up path.
    const swept = sweepOrphanRunDirs().catch(() => [])
    cleanups.push(() => swept.then(() => undefined))
    const {
      createCheckoutJourney,
      driveLoad,
      FaultController,
      readList,
      registerWebhookEndpoint,
      setStock,
      settle,
    } = await runnerDeps()
    const stopPlatform = () =>
      platformStarting.then(
        (p) => p.stop(),
        () => {},
      )
    let vendors: StartedChild<VendorsReady>
    let network: NetworkFaults
    let pspLink: { url: string }
    try {
      const started = await vendorsStarting
      vendors = started
      cleanups.push(() => started.stop())
      const toxiproxyUrl = options.toxiproxyUrl ?? vendors.ready.proxyUrl
      if (!toxiproxyUrl) throw new Error('No Toxiproxy: neither TOXIPROXY_URL nor the embedded proxy')
      if (options.toxiproxyUrl) await sweepStaleRuns(options.toxiproxyUrl, event)
      network = await NetworkFaults.create({ toxiproxyUrl, runId, now })
      const faultsSession = network
      cleanups.push(() => faultsSession.destroy())
      await pspPort.release()
      pspLink = await network.link('psp', { upstream: hostPort(vendors.ready.pspUrl), listen: pspListen })
      if (dbPort && dbListen) {
        await dbPort.release()
        await network.link('db', { upstream: hostPort(options.db), listen: dbListen })
      }
      releaseDbConfig(true)
    } catch (error) {
      releaseDbConfig(false)
      await stopPlatform()
      throw error
    }
    const platform = await platformStarting
    cleanups.push(() => platform.stop())
    const platformLink = await network.link('platform', { upstream: hostPort(platform.url) })
    await registerWebhookEndpoint(vendors.ready.pspUrl, platform.url)
    event(
      `platform ${platform.url} (via proxy ${platformLink.url}), PSP ${vendors.ready.pspUrl} (via proxy ${pspLink.url})`,
    )

    for (const [sku, units] of Object.entries(options.scenario.stock ?? {})) {
      await setStock(platform.url, sku, units)
      event(`stock of ${sku} set to ${units}`)
    }
    const journeyOptions = {
      platformUrl: platformLink.url,
      quantity: shopper.quantity ?? 1,
      paymentMethod: shopper.paymentMethod ?? 'pm_card_visa',
      retries: shopper.retries ?? 1,
      timeoutMs: shopper.timeoutMs ?? 10_000,
      ...(shopper.keepAlive !== undefined ? { keepAlive: shopper.keepAlive } : {}),
    }
    const journey = createCheckoutJourney({ ...journeyOptions, sku: shopper.sku ?? 'sku_tshirt' })
    cleanups.push(() => journey.close())
    const faults = new FaultController({ network, vendorAdmin: { psp: vendors.ready.pspUrl }, platform, now })
    cleanups.push(() => faults.healAll().then(() => undefined))

    // performance.now() counts from the process's start: the command's whole start-up.
    const startupMs = performance.now()
    // Warm-up: a few journeys end to end before the clock starts, so the first second of the
    // run measures checkout, not JIT compilation and connection set-up in four processes.
    // They are real orders and charges (the integrity checks see them); only the figures skip them.
    // They buy the plentiful SKU, never a scenario's scarce stock.
    const warmUp = options.warmUp ?? 8
    const warmJourney = createCheckoutJourney({ ...journeyOptions, sku: 'sku_tshirt', connections: 4 })
    await Promise.all(
      Array.from({ length: Math.min(warmUp, 4) }, async (_, lane) => {
        for (let i = lane; i < warmUp; i += 4) await warmJourney.run(`${runId}-warm-${i}`)
      }),
    ).finally(() => warmJourney.close())
    event(`warmed up with ${warmUp} checkouts in ${Math.round(performance.now() - startupMs)} ms`)
    runStart = performance.now()
    const startedAt = new Date().toISOString()
    // A fault that cannot be applied makes the game day meaningless: stop the load and fail the
    // run (exit 2) rather than report a pass for faults that never happened.
    const faultFailure = new AbortController()
    let faultError: Error | undefined
    const signal = options.signal
      ? AbortSignal.any([options.signal, faultFailure.signal])
      : faultFailure.signal
    const phaseFaults = playPhaseFaults(phases, faults, now, event, signal).catch((error: unknown) => {
      faultError = error as Error
      faultFailure.abort()
    })
    const attempts = await driveLoad({
      phases,
      journey: journey.run,
      now,
      keyFor: (i) => `${runId}-${i}`,
      ...(options.onLive ? { onTick: options.onLive } : {}),
      signal,
    })
    await phaseFaults
    if (faultError) throw new Error(`Failed to apply a fault: ${faultError.message}`)
    const durationMs = now()
    await faults.healAll()

    // Quiescence: faults healed, in-flight work settled; then read the ground truth.
    const quiet = await settle({
      pspUrl: vendors.ready.pspUrl,
      platformUrl: platform.url,
      maxMs: options.settleMs ?? 5_000,
    })
    event(`${quiet.settled ? 'settled' : 'still unsettled'} after ${quiet.waitedMs} ms of quiescence`)
    const [ledger, orders, inventory, publishedEvents, webhooks] = await Promise.all([
      readList<LedgerEntry>(`${vendors.ready.pspUrl}/__admin/ledger`, 'entries'),
      readList<PlatformOrder>(`${platform.url}/__admin/orders`, 'orders'),
      readList<InventoryItem>(`${platform.url}/__admin/inventory`, 'products'),
      readList<PublishedEvent>(`${platform.url}/__admin/events`, 'events'),
      readList<ReceivedWebhook>(`${platform.url}/__admin/webhooks`, 'events'),
    ])
    // An interrupted run reports what ran: phases cut where the load stopped, unstarted ones left
    // out, so rates are over the time that passed, not the time planned.
    const interrupted = options.signal?.aborted ?? false
    const ran = interrupted ? cutPhases(phases, durationMs) : phases
    const loadMs = ran.reduce((sum, p) => sum + p.durationMs, 0)
    const record: RunRecord = {
      scenario: options.scenario.name,
      seed: options.seed,
      startedAt,
      durationMs,
      ...(interrupted ? { interrupted } : {}),
      targetRate: ran.reduce((sum, p) => sum + p.rate * p.durationMs, 0) / Math.max(1, loadMs),
      safeguards: options.safeguards,
      phases: ran.map((p) => ({
        name: p.name,
        startMs: p.startMs,
        endMs: p.startMs + p.durationMs,
        targetRate: p.rate,
        faults: faults.timeline.filter(
          (f) => f.fromMs >= p.startMs - 50 && f.fromMs < p.startMs + p.durationMs,
        ),
      })),
      slos: options.scenario.slos,
      attempts,
      ledger,
      orders,
      inventory,
      publishedEvents,
      webhooks,
      faultsInjected: faults.timeline,
    }
    // Loaded only now: nothing of it is needed before the run ends.
    const { analyze, writeReports } = await import('../reports/index.js')
    const report = analyze(record)
    const { files } = await writeReports(report, options.outDir)
    return { report, files, interrupted, startupMs }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
  }
}
