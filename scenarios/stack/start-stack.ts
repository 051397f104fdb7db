import { rm } from 'node:fs/promises'
import type { NetworkFaults } from '../../chaos/client.js'
import type { Clock } from '../../lib/clock.js'
import { entropyToken } from '../../lib/random.js'
import type { FaultController } from '../faults/fault-controller.js'
import type { GroundTruthReader } from '../ground-truth/ground-truth.js'
import type { Target } from '../target/target.js'
import { childEntry, startChild, type StartedChild } from './child-process.js'
import type { DbConfig, DbReady } from './db-process.js'
import { holdLoopbackPort, hostPort, withHostPort } from './local-addresses.js'
import { PlatformProcess, type PlatformStartConfig } from './platform-process.js'
import { makeRunDir, sweepOrphanRunDirs } from './run-dirs.js'
import type * as StackDeps from './stack-deps.js'
import { VENDORS_NODE_OPTIONS, type VendorsConfig, type VendorsReady } from './vendors-config.js'

/** What a stack is asked for: by `gameday run` (any free port), `gameday up` (fixed ports), the terminal UI. */
export interface StackOptions {
  /** 'embedded' (PGlite) or a postgres:// URL. */
  db: string
  seed: number
  /** Every safeguard by name, true = on. */
  safeguards: Record<string, boolean>
  /**
   * Embedded only: serve PGlite over the Postgres wire protocol from a process of its own and put
   * the `db` link in front of it, so a game day can attack the database link with nothing
   * installed. Off by default: the wire costs throughput (see docs/architecture.md), so only a
   * game day that faults the `db` link pays for it. A real Postgres always has the link.
   */
  dbLink?: boolean
  /**
   * A NATS server with JetStream (`nats://host:port`) for the platform's OrderPaid events, reached
   * through the `broker` link, in a stream of this run's own. @default the embedded broker
   */
  natsUrl?: string
  /** Platform settings a scenario asks for (see the scenario format's `platform`). */
  platform?: { dbPoolSize?: number }
  /**
   * Names this stack's Postgres schema, and its proxies on a shared Toxiproxy (`<runId>-psp`), so
   * stacks sharing one server never collide.
   */
  runId: string
  /** Proxies named by the link alone (`platform`, `psp`) even on a shared Toxiproxy: what `gameday up` users configure against. */
  plainProxyNames?: boolean
  /** Fixed ports; 0 or absent = any free port. */
  ports?: Partial<StackPorts>
  /** A real Toxiproxy to use instead of the embedded one. */
  toxiproxyUrl?: string
  /** Where the PGlite template is cached. */
  cacheDir?: string
  clock: Clock
  /** The run's elapsed ms, for the fault timeline (a run's clock starts after its warm-up). */
  elapsed: () => number
  /** One-line events: components started, stale state swept. */
  onEvent?: (event: string) => void
}

export interface StackPorts {
  platform: number
  psp: number
  tax: number
  fraud: number
  proxy: number
}

/** Where everything listens: the contract of `gameday up --json`. */
export interface StackEndpoints {
  platform: string
  psp: string
  tax: string
  fraud: string
  /** The Toxiproxy-compatible control API. */
  proxy: string
  /** The PSP's `whsec_…` signing secret for the platform's webhook endpoint. */
  webhookSecret: string
  /** The proxy links: the platform as shoppers reach it, and the platform's links to each vendor (and its database). */
  links: { platform: string; psp: string; tax: string; fraud: string; broker: string; db?: string }
}

/** A running stack: platform, simulators and proxy, with the handles a game day plays it through. */
export interface Stack {
  endpoints: StackEndpoints
  /** The checkout under attack (the reference platform). */
  target: Target
  /** Applies and heals scenario faults on this stack's links, vendors and platform process. */
  faults: FaultController
  /** Quiescence and the ground truth after the load. */
  groundTruth: GroundTruthReader
  /** Heals every fault, stops every process, removes every proxy, directory and schema. Idempotent. */
  close(): Promise<void>
}

/** The heavier modules, loaded once the children are forked (see stack-deps.ts). */
let deps: Promise<typeof StackDeps> | undefined
const stackDeps = () => (deps ??= import('./stack-deps.js'))

/**
 * Starts the picture every game day plays against:
 *
 * ```
 * shoppers ─▶ [proxy platform] ─▶ platform ─┬▶ [proxy psp]   ─▶ PSP simulator
 *                                           ├▶ [proxy tax]   ─▶ tax simulator
 *                                           └▶ [proxy fraud] ─▶ fraud simulator
 *                                    └─SQL─▶ [proxy db] ─▶ Postgres, or PGlite served in its own
 *                                                          process (`dbLink`); else PGlite in-process
 * ```
 *
 * The platform is forked first, so its database opens while the vendors come up: each vendor
 * link's port is reserved now and the link made on it once the proxy is there (the platform calls
 * the vendors only when load starts). A real Postgres is reached through a link too, which must exist
 * before the platform connects, so that config waits for it. Every step pushes its undo onto one
 * cleanup stack, which `close()` (or a failed start) unwinds in reverse.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const event = options.onEvent ?? (() => {})
  const cleanups: Array<() => Promise<void>> = []
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
    })())
  const ports = { platform: 0, psp: 0, tax: 0, fraud: 0, proxy: 0, ...options.ports }
  const embedded = options.db === 'embedded'
  const servedEmbedded = embedded && options.dbLink === true

  try {
    const webhookSecret = `whsec_${entropyToken(24)}`
    // The vendor links' ports are held now, so the platform's config can name them before the
    // proxy exists; each link is made on its port once the proxy is up.
    const pspPort = await holdLoopbackPort()
    cleanups.push(() => pspPort.release())
    const taxPort = await holdLoopbackPort()
    cleanups.push(() => taxPort.release())
    const fraudPort = await holdLoopbackPort()
    cleanups.push(() => fraudPort.release())
    const brokerPort = await holdLoopbackPort()
    cleanups.push(() => brokerPort.release())
    const nats = options.natsUrl ? natsStreamOf(options.natsUrl, options.runId) : undefined
    if (nats) {
      // Refused before anything starts when NATS cannot carry the events (no JetStream, say).
      await (await stackDeps()).checkNatsStream(nats)
      cleanups.push(async () => {
        await (await stackDeps()).deleteNatsStream(nats.servers, nats.stream)
      })
    }
    const dbPort = embedded && !servedEmbedded ? undefined : await holdLoopbackPort()
    if (dbPort) cleanups.push(() => dbPort.release())
    // The stack owns the embedded database's directory, so it outlives a platform crash and
    // restart; memory-backed /dev/shm when there is one (copying the template to disk is slow).
    const dataDir = embedded ? await makeRunDir() : undefined
    if (dataDir) cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    // Served over the wire: its own process, stopped after the platform and before the
    // directory goes (cleanups run in reverse).
    const dbStarting =
      servedEmbedded && dataDir
        ? startChild<DbReady>('db', childEntry('./db-process.js', import.meta.url), {
            dataDir,
            ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
          } satisfies DbConfig)
        : undefined
    dbStarting?.catch(() => {})
    cleanups.push(() =>
      dbStarting
        ? dbStarting.then(
            (d) => d.stop(),
            () => {},
          )
        : Promise.resolve(),
    )
    const pgSchema =
      dbPort && !servedEmbedded ? `gameday_${options.runId.replace(/[^a-z0-9]/gi, '_')}` : undefined
    // Runs after the platform has stopped (cleanups run in reverse).
    if (pgSchema) cleanups.push(async () => (await stackDeps()).dropSchema(options.db, pgSchema))
    const config: PlatformStartConfig = {
      host: '127.0.0.1',
      port: ports.platform,
      // PGlite over the wire has one schema, `public` (it ignores search_path), and no database name.
      db: dbPort
        ? withHostPort(
            servedEmbedded ? 'postgres://postgres@127.0.0.1:5432/postgres' : options.db,
            dbPort.address,
          )
        : 'embedded',
      ...(dataDir && !servedEmbedded ? { dataDir } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(pgSchema ? { pgSchema } : {}),
      pspUrl: `http://${pspPort.address}`,
      taxUrl: `http://${taxPort.address}`,
      fraudUrl: `http://${fraudPort.address}`,
      webhookSecret,
      safeguards: options.safeguards,
      seed: options.seed,
      broker: nats
        ? {
            adapter: {
              kind: 'nats',
              servers: `nats://${brokerPort.address}`,
              stream: nats.stream,
              subjects: nats.subjects,
              storage: nats.storage,
              ackWaitMs: ACK_WAIT_MS,
            },
            subject: nats.subject,
          }
        : { adapter: { kind: 'embedded', url: `http://${brokerPort.address}`, ackWaitMs: ACK_WAIT_MS } },
      ...(options.platform?.dbPoolSize ? { dbPoolSize: options.platform.dbPoolSize } : {}),
    }
    let releaseDbConfig!: (go: boolean) => void
    const dbLinkReady = new Promise<boolean>((resolve) => (releaseDbConfig = resolve))
    const platformConfig = dbPort
      ? dbLinkReady.then((go) => (go ? config : undefined))
      : Promise.resolve(config)

    const vendorsStarting = startChild<VendorsReady>(
      'vendors',
      childEntry('./vendors-process.js', import.meta.url),
      {
        seed: options.seed,
        embeddedProxy: !options.toxiproxyUrl,
        webhookSecret,
        pspPort: ports.psp,
        taxPort: ports.tax,
        fraudPort: ports.fraud,
        proxyPort: ports.proxy,
        embeddedBroker: !nats,
      } satisfies VendorsConfig,
      { nodeOptions: VENDORS_NODE_OPTIONS },
    )
    // Each child is stopped on every path out, even one that never awaited it.
    vendorsStarting.catch(() => {})
    cleanups.push(() =>
      vendorsStarting.then(
        (v) => v.stop(),
        () => {},
      ),
    )
    const platformStarting = PlatformProcess.start(platformConfig)
    platformStarting.catch(() => {})
    cleanups.push(() =>
      platformStarting.then(
        (p) => p.stop(),
        () => {},
      ),
    )
    // Earlier runs that were SIGKILLed left their databases behind; off the start-up path.
    const swept = sweepOrphanRunDirs().catch(() => [])
    cleanups.push(() => swept.then(() => undefined))

    let deps: typeof StackDeps
    let vendors: StartedChild<VendorsReady>
    let network: NetworkFaults
    let toxiproxyUrl: string
    let pspLink: { url: string }
    let taxLink: { url: string }
    let fraudLink: { url: string }
    let dbLink: { url: string } | undefined
    let brokerLink: { url: string }
    try {
      deps = await stackDeps()
      vendors = await vendorsStarting
      const url = options.toxiproxyUrl ?? vendors.ready.proxyUrl
      if (!url) throw new Error('No Toxiproxy: neither TOXIPROXY_URL nor the embedded proxy')
      toxiproxyUrl = url
      if (options.toxiproxyUrl) await deps.sweepStaleRuns(options.toxiproxyUrl, event)
      network = await deps.NetworkFaults.create({
        toxiproxyUrl,
        // The embedded proxy is this stack's alone: its proxies keep the links' own names, which
        // its toxicity draws key on, so a seed replays whatever the run id. A shared Toxiproxy
        // needs the run id to tell stacks apart (and does not replay toxicity anyway).
        runId: options.plainProxyNames || !options.toxiproxyUrl ? '' : options.runId,
        now: options.elapsed,
      })
      const session = network
      cleanups.push(() => session.destroy())
      await pspPort.release()
      pspLink = await network.link('psp', {
        upstream: hostPort(vendors.ready.pspUrl),
        listen: pspPort.address,
      })
      await taxPort.release()
      taxLink = await network.link('tax', {
        upstream: hostPort(vendors.ready.taxUrl),
        listen: taxPort.address,
      })
      await fraudPort.release()
      fraudLink = await network.link('fraud', {
        upstream: hostPort(vendors.ready.fraudUrl),
        listen: fraudPort.address,
      })
      await brokerPort.release()
      const brokerUpstream = nats ? hostPort(nats.upstream) : hostPort(vendors.ready.brokerUrl ?? '')
      brokerLink = await network.link('broker', { upstream: brokerUpstream, listen: brokerPort.address })
      if (dbPort) {
        await dbPort.release()
        const upstream = dbStarting ? hostPort((await dbStarting).ready.url) : hostPort(options.db)
        dbLink = await network.link('db', { upstream, listen: dbPort.address })
      }
      releaseDbConfig(true)
    } catch (error) {
      releaseDbConfig(false)
      throw error
    }
    const platform = await platformStarting
    // Stopped before the proxy and the vendors go (cleanups run in reverse): a platform whose
    // database link vanished under it would log connection errors on its way out. The earlier
    // cleanup covers a start that failed; stopping twice is a no-op.
    cleanups.push(() => platform.stop())
    const platformLink = await network.link('platform', { upstream: hostPort(platform.url) })
    const { FaultController, groundTruthReader, referencePlatform, registerWebhookEndpoint } = deps
    await registerWebhookEndpoint(vendors.ready.pspUrl, platform.url, webhookSecret)
    event(
      `platform ${platform.url} (via proxy ${platformLink.url}), PSP ${vendors.ready.pspUrl} (via proxy ${pspLink.url})` +
        (dbLink
          ? `, ${servedEmbedded ? 'PGlite served' : 'Postgres'} via proxy ${dbLink.url.replace('http://', '')}`
          : ''),
    )

    const target = referencePlatform(() => platform.url)
    const faults = new FaultController({
      network,
      vendorAdmin: { psp: vendors.ready.pspUrl, tax: vendors.ready.taxUrl, fraud: vendors.ready.fraudUrl },
      platform,
      now: options.elapsed,
      clock: options.clock,
      onEvent: event,
    })
    // Healing comes first on the way out: a fault outlives nothing, even a failed close.
    cleanups.push(() => faults.healAll().then(() => undefined))
    return {
      endpoints: {
        platform: platform.url,
        psp: vendors.ready.pspUrl,
        tax: vendors.ready.taxUrl,
        fraud: vendors.ready.fraudUrl,
        proxy: toxiproxyUrl,
        webhookSecret,
        links: {
          platform: platformLink.url,
          psp: pspLink.url,
          tax: taxLink.url,
          fraud: fraudLink.url,
          broker: brokerLink.url,
          ...(dbLink ? { db: dbLink.url } : {}),
        },
      },
      target,
      faults,
      groundTruth: groundTruthReader({
        pspUrl: vendors.ready.pspUrl,
        taxUrl: vendors.ready.taxUrl,
        fraudUrl: vendors.ready.fraudUrl,
        target,
        clock: options.clock,
      }),
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * How long the broker waits for the consumer's ack before redelivering: short, so an ack lost on a
 * cut broker link is redelivered within a game day rather than after JetStream's 30 s default.
 */
const ACK_WAIT_MS = 3_000

/** This run's stream on a shared NATS server: its own name and subjects, deleted at the end. */
function natsStreamOf(natsUrl: string, runId: string) {
  const id = runId.replace(/[^A-Za-z0-9]/g, '_')
  return {
    kind: 'nats' as const,
    servers: natsUrl,
    upstream: natsUrl.replace(/^nats:\/\//, 'http://'),
    stream: `GAMEDAY_${id}`,
    subjects: [`gameday.${id}.orders.>`],
    subject: `gameday.${id}.orders.paid`,
    storage: 'memory' as const,
  }
}
