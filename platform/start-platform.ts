import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { createCrashPoints } from './chaos-hooks/crash-points.js'
import { systemClock } from '../lib/clock.js'
import { resolvePlatformConfig, type PlatformConfig, type PlatformConfigInput } from './config.js'
import type { Db } from './db/db.js'
import { openDatabase } from './db/open-db.js'
import { whenOpen } from './db/when-open.js'
import { createIdGenerator, type IdGenerator } from '../lib/ids.js'
import { createLogger } from './logger.js'
import { lockTtlMs } from './idempotency/lock-ttl.js'
import { lazyPspClient } from './payments/lazy-psp-client.js'
import type { OrderEventsQueue } from './outbox/order-events-queue.js'
import { relayOutbox } from './outbox/relay-outbox.js'
import { checkoutLayers } from './checkout/checkout-layers.js'
import { completerPass } from './reconciliation/complete-stalled-checkouts.js'
import { skipWhileIdle } from './reconciliation/skip-while-idle.js'
import { startPeriodicJob } from './reconciliation/periodic-job.js'
import { createBreakerBoard } from './vendors/breaker-board.js'

/** How often the completer looks for stalled checkouts (the `reconciler` safeguard). */
const RECONCILE_EVERY_MS = 1_000
/** Idle, the completer skips up to this many ticks in a row (a claim every 4 s at most). */
const COMPLETER_MAX_SKIPPED = 3
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
  // Start-up time matters (the runner waits on it). Opening PGlite takes ~0.35 s, mostly off
  // this thread, so the app's modules load and the app is built and made ready (its schemas
  // compiled) meanwhile, on a database handle that waits for the open. Nothing can use it
  // early: requests come only once the app listens, after the open.
  const opening = openDatabase(config)
  const booting = opening.then(({ db }) => nextBootId(db))
  booting.catch(() => {})
  let bootId = 0
  let ids: IdGenerator = () => {
    throw new Error('Failed to make an id: the platform has not started')
  }
  const breakers = createBreakerBoard(systemClock)
  const onPspBreaker = breakers.track('psp', { enabled: config.safeguards['circuit-breaker'] })
  const psp = lazyPspClient(async () =>
    (await import('./payments/stripe-psp-client.js')).createStripePspClient({
      pspUrl: config.pspUrl,
      apiKey: config.pspApiKey,
      clock: systemClock,
      timeoutMs: config.safeguards.timeouts ? config.pspTimeoutMs : undefined,
      retry: config.safeguards.retries,
      idempotencyKeys: config.safeguards['psp-idempotency'],
      circuitBreaker: config.safeguards['circuit-breaker'],
      onRetry: (reason) => logger.debug({ reason }, 'retrying PSP call'),
      onBreakerStateChange: (state) => {
        onPspBreaker(state)
        logger.info({ state }, 'PSP circuit breaker changed state')
      },
    }),
  )
  // Loaded only for the saga: undici and the clients stay off a PSP-only start-up.
  const saga = config.saga
    ? (await import('./checkout/create-saga-vendors.js')).createSagaVendors(
        config,
        psp,
        systemClock,
        logger,
        breakers,
      )
    : undefined
  let app: FastifyInstance | undefined
  // The broker queue starts once the platform listens; the admin route may ask before that.
  let resolveQueue!: (queue: OrderEventsQueue | undefined) => void
  const queue = new Promise<OrderEventsQueue | undefined>((resolve) => (resolveQueue = resolve))
  let db: Db
  let dataDir: string | undefined
  try {
    const { buildApp } = await import('./app.js')
    app = buildApp({
      db: whenOpen(
        config.db === 'embedded' ? 'pglite' : 'postgres',
        opening.then((opened) => opened.db),
      ),
      psp,
      clock: systemClock,
      ids: (prefix) => ids(prefix),
      logger,
      config,
      get bootId() {
        return bootId
      },
      crashPoints: createCrashPoints(),
      saga,
      breakers,
      ...(config.broker ? { brokerPending: async () => (await queue)?.brokerPending() ?? null } : {}),
    })
    await app.ready()
    ;({ db, dataDir } = await opening)
    bootId = await booting
    ids = createIdGenerator(config.seed, bootId)
  } catch (err) {
    await app?.close().catch(() => {})
    psp.close()
    await saga?.close().catch(() => {})
    await opening.then(
      (opened) => opened.db.close(),
      () => {},
    )
    throw err
  }
  try {
    try {
      await app.listen({ host: config.host, port: config.port })
    } catch (err) {
      await app.close().catch(() => {})
      psp.close()
      await saga?.close().catch(() => {})
      throw err
    }
    // The completer resumes stalled keys, so it needs the idempotency layer (no keys without it).
    const { idempotency } = checkoutLayers({ db, psp, clock: systemClock, ids, config, bootId, saga })
    const reconciler =
      config.safeguards.reconciler && idempotency
        ? startPeriodicJob(
            RECONCILE_EVERY_MS,
            // Idle (nothing claimed) it backs off to a claim every few seconds: a stalled key waits
            // STALLED_AFTER_MS anyway, and one claimed resets the pace for the next.
            skipWhileIdle(async () => {
              const pass = await completerPass(
                { db, clock: systemClock, checkouts: idempotency, bootId, lockTtlMs: lockTtlMs(config) },
                { olderThanMs: STALLED_AFTER_MS, limit: 20 },
              )
              return pass.claimed === 0
            }, COMPLETER_MAX_SKIPPED),
            (err) => logger.error({ err }, 'completing stalled checkouts failed'),
          )
        : undefined
    resolveQueue(
      config.broker
        ? (await import('./outbox/order-events-queue.js')).startOrderEventsQueue({
            db,
            clock: systemClock,
            config: config.broker,
            // info, not warn: a broker link cut by a game day is expected, and the run's own
            // report shows the backlog; the default log level (warn) keeps stderr clean.
            onProblem: (message, err) => logger.info({ err: (err as Error | undefined)?.message }, message),
          })
        : undefined,
    )
    const events = await queue
    const relay = config.safeguards.outbox
      ? startPeriodicJob(
          RELAY_EVERY_MS,
          () => (events ? events.relay() : relayOutbox(db, new Date(systemClock.now()))),
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
          await events?.close()
          await app.close()
          psp.close()
          await saga?.close()
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
