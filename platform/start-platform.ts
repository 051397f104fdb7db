import type { AddressInfo } from 'node:net'
import { createCrashPoints } from './chaos-hooks/crash-points.js'
import { systemClock } from './clock.js'
import { resolvePlatformConfig, type PlatformConfig, type PlatformConfigInput } from './config.js'
import type { Db } from './db/db.js'
import { openDatabase } from './db/open-db.js'
import { createIdGenerator } from './ids.js'
import { createLogger } from './logger.js'
import { lockTtlMs } from './idempotency/lock-ttl.js'
import { lazyPspClient } from './payments/lazy-psp-client.js'
import { relayOutbox } from './outbox/relay-outbox.js'
import { completeStalledCheckouts } from './reconciliation/complete-stalled-checkouts.js'
import { startPeriodicJob } from './reconciliation/periodic-job.js'

/** How often the completer looks for stalled checkouts (the `reconciler` safeguard). */
const RECONCILE_EVERY_MS = 1_000
/** How often the outbox relay publishes (the `outbox` safeguard). */
const RELAY_EVERY_MS = 200
/** A checkout stalled this long with no client retry is completed by the platform itself. */
const STALLED_AFTER_MS = 2_000

/** A running platform. */
export interface RunningPlatform {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** The config it runs with. */
  config: PlatformConfig
  /**
   * Embedded only: where the database files are. A temp one (no `dataDir` in the config) is
   * removed on close; to restart a crashed platform on the same data, pass a `dataDir`.
   */
  dataDir: string | undefined
  /** Stops listening, lets requests in flight finish, closes the PSP client and the database. */
  close(): Promise<void>
}

/**
 * Opens the database (embedded PGlite from the cached template, or Postgres), runs the
 * migrations, builds the app and listens.
 *
 * @example
 * const platform = await startPlatform({ pspUrl: 'http://127.0.0.1:12111' })
 * await fetch(`${platform.url}/v1/products`)
 * await platform.close()
 */
export async function startPlatform(input: PlatformConfigInput): Promise<RunningPlatform> {
  const config = resolvePlatformConfig(input)
  const logger = createLogger(config.logLevel)
  // Start-up time matters (the runner waits on it): the database copy and open run while the
  // app's modules (fastify, stripe) load.
  const app$ = import('./app.js')
  app$.catch(() => {})
  const { db, dataDir } = await openDatabase(config)
  try {
    const { buildApp } = await app$
    const bootId = await nextBootId(db)
    const psp = lazyPspClient(async () =>
      (await import('./payments/stripe-psp-client.js')).createStripePspClient({
        pspUrl: config.pspUrl,
        apiKey: config.pspApiKey,
        timeoutMs: config.safeguards.timeouts ? config.pspTimeoutMs : undefined,
        retry: config.safeguards.retries,
        idempotencyKeys: config.safeguards['psp-idempotency'],
        circuitBreaker: config.safeguards['circuit-breaker'],
        onRetry: (reason) => logger.debug({ reason }, 'retrying PSP call'),
        onBreakerStateChange: (state) => logger.warn({ state }, 'PSP circuit breaker changed state'),
      }),
    )
    const app = buildApp({
      db,
      psp,
      clock: systemClock,
      ids: createIdGenerator(config.seed, bootId),
      logger,
      config,
      bootId,
      crashPoints: createCrashPoints(),
    })
    try {
      await app.listen({ host: config.host, port: config.port })
    } catch (err) {
      psp.close()
      throw err
    }
    const reconciler = config.safeguards.reconciler
      ? startPeriodicJob(
          RECONCILE_EVERY_MS,
          () =>
            completeStalledCheckouts(
              {
                db,
                psp,
                clock: systemClock,
                pspIdempotency: config.safeguards['psp-idempotency'],
                outbox: config.safeguards.outbox,
                bootId,
                lockTtlMs: lockTtlMs(config),
              },
              { olderThanMs: STALLED_AFTER_MS, limit: 20 },
            ),
          (err) => logger.error({ err }, 'completing stalled checkouts failed'),
        )
      : undefined
    const relay = config.safeguards.outbox
      ? startPeriodicJob(
          RELAY_EVERY_MS,
          () => relayOutbox(db, systemClock.now()),
          (err) => logger.error({ err }, 'relaying the outbox failed'),
        )
      : undefined
    // Load the PSP client once serving: its import is off the start-up path, and done by the
    // time load arrives.
    setImmediate(() => psp.warm())
    const { port } = app.server.address() as AddressInfo
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
    let closing: Promise<void> | undefined
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      config,
      dataDir,
      close() {
        closing ??= (async () => {
          await reconciler?.stop()
          await relay?.stop()
          await app.close()
          psp.close()
          await db.close()
        })()
        return closing
      },
    }
  } catch (err) {
    await db.close().catch(() => {})
    throw err
  }
}

async function nextBootId(db: Db): Promise<number> {
  const res = await db.query<{ id: number }>('INSERT INTO platform_boots DEFAULT VALUES RETURNING id')
  const id = res.rows[0]?.id
  if (id === undefined) throw new Error('Failed to record platform boot: no id returned')
  return id
}
