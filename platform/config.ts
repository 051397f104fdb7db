import { createRequire } from 'node:module'
import { join, resolve, sep } from 'node:path'
import { DEFAULT_POOL_ACQUIRE_TIMEOUT_MS, DEFAULT_POOL_SIZE } from './db/db.js'
import { DEFAULT_FAIL_OPEN_LIMITS } from './fraud/fail-open.js'
import type { QueueConfig } from './outbox/order-events-queue.js'
import { isCurrencyCode, type CurrencyCode } from './money.js'
import { isSafeguardName, SAFEGUARDS, type SafeguardName, type Safeguards } from './safeguards.js'
import type { TaxAddress } from './tax/avatax-client.js'

/** Pino log levels the platform accepts. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

/** What a caller may pass to {@link resolvePlatformConfig}; every field but `pspUrl` is optional. */
export interface PlatformConfigInput {
  /** @default '127.0.0.1' */
  host?: string
  /** 0 = any free port. @default 0 */
  port?: number
  /** `'embedded'` (PGlite) or a `postgres://` URL. @default 'embedded' */
  db?: string
  /** Embedded only: where this run's PGlite files go. @default a fresh temp dir, removed on close */
  dataDir?: string
  /** Where the migrated PGlite template is cached. @default `node_modules/.cache/gameday` under the cwd */
  cacheDir?: string
  /** Postgres only: the schema this run uses (created if missing). @default 'public' */
  pgSchema?: string
  /** Base URL of the PSP (Stripe-compatible), e.g. `http://127.0.0.1:12111`. */
  pspUrl: string
  /** @default 'sk_test_gameday' */
  pspApiKey?: string
  /** Per-try timeout of a PSP call, ms. @default 2000 */
  pspTimeoutMs?: number
  /** The `whsec_…` secret that signs the PSP's webhooks. */
  webhookSecret?: string
  /**
   * Base URL of the tax vendor (AvaTax REST v2), e.g. `http://127.0.0.1:12113`. With `fraudUrl`
   * it switches checkout to the saga (tax quote, fraud screening, manual capture, tax commit);
   * give both or neither. @default none: checkout calls the PSP alone
   */
  taxUrl?: string
  /** AvaTax account id (HTTP Basic user). @default '1100000000' */
  taxAccountId?: string
  /** AvaTax license key (HTTP Basic password). @default 'gameday-license-key' */
  taxLicenseKey?: string
  /** AvaTax company code. @default 'DEFAULT' */
  taxCompanyCode?: string
  /** Per-try timeout of a tax call, ms. @default 2000 */
  taxTimeoutMs?: number
  /** Where every order ships (what tax is computed for). @default 1 Main St, Seattle, WA 98101, US */
  taxShipTo?: TaxAddress
  /** `tax-fallback`'s rate before any quote was answered, basis points. @default 1035 (Seattle, WA) */
  taxFallbackRateBps?: number
  /** Base URL of the fraud vendor (Sift Events API), e.g. `http://127.0.0.1:12114`. See `taxUrl`. */
  fraudUrl?: string
  /** Sift REST API key (`$api_key`). @default 'gameday-sift-key' */
  fraudApiKey?: string
  /**
   * Per-try timeout of a fraud call, ms. Shorter than the others: a checkout waits for every try,
   * and `fraud-fail-open` decides without the answer anyway. @default 1000
   */
  fraudTimeoutMs?: number
  /**
   * `fraud-fail-open` limits, minor units per currency: below, an order is accepted when the
   * fraud vendor fails; at or above, held for review. @default DEFAULT_FAIL_OPEN_LIMITS (≈100 USD each)
   */
  fraudFailOpenLimits?: Partial<Record<CurrencyCode, number>>
  /**
   * Each of the tax and fraud clients' bulkhead (the `bulkhead` safeguard): calls in flight, and
   * queued behind them. A checkout holds a database connection across its vendor calls, so one
   * vendor may take at most half the pool and a few more waiting.
   * @default { maxConcurrent: dbPoolSize / 2, maxQueued: dbPoolSize / 10 } (10 and 2)
   */
  vendorBulkhead?: { maxConcurrent: number; maxQueued: number }
  /** Database connections requests may hold at once (checkouts hold one across vendor calls). @default 20 */
  dbPoolSize?: number
  /** How long a request waits for a connection before 503 `DB_POOL_EXHAUSTED`, ms. @default 2000 */
  dbPoolTimeoutMs?: number
  /**
   * A broker between the outbox relay and the OrderPaid subscriber (`outbox/order-events-queue.ts`):
   * the embedded one (`{ adapter: { kind: 'embedded', url } }`) or NATS JetStream
   * (`{ adapter: { kind: 'nats', servers, stream, subjects }, subject }`). @default none: the relay
   * hands events to the subscriber in-process
   */
  broker?: QueueConfig
  /** Safeguards to switch; unnamed ones stay on. */
  safeguards?: Record<string, boolean>
  /** Seeds every random choice (ids) so runs replay. @default 1 */
  seed?: number
  /** @default 'warn' */
  logLevel?: LogLevel
}

/** The platform's fully defaulted, validated, frozen configuration. */
export interface PlatformConfig {
  readonly host: string
  readonly port: number
  readonly db: 'embedded' | `postgres://${string}` | `postgresql://${string}`
  /** Embedded only; `undefined` = a fresh temp dir made at start and removed on close. */
  readonly dataDir: string | undefined
  readonly cacheDir: string
  readonly pgSchema: string | undefined
  /** The request pool (see {@link PlatformConfigInput.dbPoolSize}). */
  readonly dbPool: Readonly<{ size: number; acquireTimeoutMs: number }>
  readonly pspUrl: string
  readonly pspApiKey: string
  readonly pspTimeoutMs: number
  readonly webhookSecret: string | undefined
  /** The broker of OrderPaid events, or `undefined`: relayed in-process. */
  readonly broker: QueueConfig | undefined
  /** Both vendors of the checkout saga, or `undefined`: checkout calls the PSP alone. */
  readonly saga: SagaConfig | undefined
  readonly safeguards: Safeguards
  readonly seed: number
  readonly logLevel: LogLevel
}

/** The checkout saga's vendors, resolved (see {@link PlatformConfigInput.taxUrl}). */
export interface SagaConfig {
  readonly taxUrl: string
  readonly taxAccountId: string
  readonly taxLicenseKey: string
  readonly taxCompanyCode: string
  readonly taxTimeoutMs: number
  readonly taxShipTo: Readonly<TaxAddress>
  readonly taxFallbackRateBps: number
  readonly fraudUrl: string
  readonly fraudApiKey: string
  readonly fraudTimeoutMs: number
  readonly fraudFailOpenLimits: Readonly<Record<CurrencyCode, number>>
  readonly vendorBulkhead: Readonly<{ maxConcurrent: number; maxQueued: number }>
}

/** Thrown when a config is invalid; `code` is stable, `message` says what to fix. */
export class PlatformConfigError extends Error {
  readonly code = 'PLATFORM_CONFIG_INVALID'
  constructor(message: string) {
    super(`Invalid platform config: ${message}`)
    this.name = 'PlatformConfigError'
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Fills defaults and validates once, at start.
 *
 * @throws {PlatformConfigError} with an actionable message.
 * @example
 * const config = resolvePlatformConfig({ pspUrl: 'http://127.0.0.1:12111', safeguards: { retries: false } })
 */
export function resolvePlatformConfig(input: PlatformConfigInput): PlatformConfig {
  if (typeof input !== 'object' || input === null) throw new PlatformConfigError('expected an object')
  const port = input.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PlatformConfigError(`port must be an integer in 0–65535, got ${String(input.port)}`)
  }
  const db = input.db ?? 'embedded'
  if (db !== 'embedded' && !/^postgres(ql)?:\/\//.test(db)) {
    throw new PlatformConfigError(`db must be 'embedded' or a postgres:// URL, got '${db}'`)
  }
  if (input.pgSchema !== undefined && !SCHEMA_NAME.test(input.pgSchema)) {
    throw new PlatformConfigError(`pgSchema must match ${SCHEMA_NAME.source}, got '${input.pgSchema}'`)
  }
  const pspUrl = parseHttpUrl(input.pspUrl, 'pspUrl')
  const pspTimeoutMs = input.pspTimeoutMs ?? 2000
  if (!Number.isInteger(pspTimeoutMs) || pspTimeoutMs <= 0) {
    throw new PlatformConfigError(
      `pspTimeoutMs must be a positive integer, got ${String(input.pspTimeoutMs)}`,
    )
  }
  const dbPool = {
    size: bounded('dbPoolSize', input.dbPoolSize, DEFAULT_POOL_SIZE, 1, 1_000),
    acquireTimeoutMs: bounded(
      'dbPoolTimeoutMs',
      input.dbPoolTimeoutMs,
      DEFAULT_POOL_ACQUIRE_TIMEOUT_MS,
      1,
      600_000,
    ),
  }
  const seed = input.seed ?? 1
  if (!Number.isSafeInteger(seed))
    throw new PlatformConfigError(`seed must be an integer, got ${String(seed)}`)
  const logLevel = input.logLevel ?? 'warn'
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new PlatformConfigError(
      `logLevel must be one of ${LOG_LEVELS.join(', ')}, got '${String(logLevel)}'`,
    )
  }
  return Object.freeze({
    host: input.host ?? '127.0.0.1',
    port,
    db: db as PlatformConfig['db'],
    dataDir: input.dataDir === undefined ? undefined : resolve(input.dataDir),
    cacheDir: resolve(input.cacheDir ?? defaultCacheDir()),
    pgSchema: input.pgSchema,
    dbPool: Object.freeze(dbPool),
    pspUrl,
    pspApiKey: input.pspApiKey ?? 'sk_test_gameday',
    pspTimeoutMs,
    webhookSecret: input.webhookSecret,
    broker: resolveBroker(input.broker),
    saga: resolveSaga(input, dbPool.size),
    safeguards: resolveSafeguards(input.safeguards ?? {}),
    seed,
    logLevel,
  })
}

function resolveBroker(input: unknown): QueueConfig | undefined {
  if (input === undefined) return undefined
  const adapter = (input as { adapter?: { kind?: unknown } } | null)?.adapter
  if (typeof input !== 'object' || input === null || typeof adapter !== 'object' || adapter === null) {
    throw new PlatformConfigError('broker must be { adapter: { kind: "embedded" | "nats", … }, subject? }')
  }
  if (adapter.kind === 'embedded') {
    parseHttpUrl((adapter as { url?: unknown }).url, 'broker.adapter.url')
  } else if (adapter.kind === 'nats') {
    const { servers, stream, subjects } = adapter as {
      servers?: unknown
      stream?: unknown
      subjects?: unknown
    }
    if (typeof servers !== 'string' || !/^nats:\/\//.test(servers)) {
      throw new PlatformConfigError(`broker.adapter.servers must be a nats:// URL, got ${String(servers)}`)
    }
    if (typeof stream !== 'string' || !Array.isArray(subjects)) {
      throw new PlatformConfigError('broker.adapter needs a stream name and its subjects')
    }
  } else {
    throw new PlatformConfigError(
      `broker.adapter.kind must be 'embedded' or 'nats', got ${String(adapter.kind)}`,
    )
  }
  return Object.freeze({ ...(input as QueueConfig) })
}

function bounded(field: string, value: unknown, fallback: number, min: number, max: number): number {
  const n = value ?? fallback
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new PlatformConfigError(`${field} must be an integer in ${min}–${max}, got ${String(value)}`)
  }
  return n
}

function parseHttpUrl(value: unknown, field: string): string {
  if (typeof value !== 'string')
    throw new PlatformConfigError(`${field} is required (e.g. http://127.0.0.1:12111)`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new PlatformConfigError(`${field} is not a URL: '${value}'`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PlatformConfigError(`${field} must be http(s), got '${value}'`)
  }
  return url.origin
}

const DEFAULT_SHIP_TO: TaxAddress = {
  line1: '1 Main St',
  city: 'Seattle',
  region: 'WA',
  country: 'US',
  postalCode: '98101',
}

function resolveSaga(input: PlatformConfigInput, poolSize: number): SagaConfig | undefined {
  if (input.taxUrl === undefined && input.fraudUrl === undefined) return undefined
  if (input.taxUrl === undefined || input.fraudUrl === undefined) {
    throw new PlatformConfigError(
      `taxUrl and fraudUrl go together (the checkout saga needs both); got only ${input.taxUrl === undefined ? 'fraudUrl' : 'taxUrl'}`,
    )
  }
  const text = (field: keyof PlatformConfigInput, fallback: string): string => {
    const value = input[field] ?? fallback
    if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
      throw new PlatformConfigError(`${field} must be a non-empty string of at most 255 characters`)
    }
    return value
  }
  const positive = (field: string, value: unknown, fallback: number, max = 600_000): number => {
    const v = value ?? fallback
    if (!Number.isSafeInteger(v) || (v as number) <= 0 || (v as number) > max) {
      throw new PlatformConfigError(`${field} must be an integer in 1–${max}, got ${String(value)}`)
    }
    return v as number
  }
  const shipTo = input.taxShipTo ?? DEFAULT_SHIP_TO
  for (const field of ['line1', 'city', 'region', 'country', 'postalCode'] as const) {
    if (typeof shipTo[field] !== 'string' || shipTo[field].length > 100) {
      throw new PlatformConfigError(`taxShipTo.${field} must be a string of at most 100 characters`)
    }
  }
  const rate = input.taxFallbackRateBps ?? 1035
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 10_000) {
    throw new PlatformConfigError(`taxFallbackRateBps must be a number in 0–10000, got ${String(rate)}`)
  }
  const limits = { ...DEFAULT_FAIL_OPEN_LIMITS }
  for (const [currency, limit] of Object.entries(input.fraudFailOpenLimits ?? {})) {
    if (!isCurrencyCode(currency)) {
      throw new PlatformConfigError(`fraudFailOpenLimits: unknown currency '${currency}'`)
    }
    if (!Number.isSafeInteger(limit) || (limit as number) < 0) {
      throw new PlatformConfigError(
        `fraudFailOpenLimits.${currency} must be a non-negative integer (minor units), got ${String(limit)}`,
      )
    }
    limits[currency] = limit as number
  }
  const bulkhead = input.vendorBulkhead ?? {
    maxConcurrent: Math.max(1, Math.floor(poolSize / 2)),
    maxQueued: Math.max(1, Math.floor(poolSize / 10)),
  }
  return Object.freeze({
    taxUrl: parseHttpUrl(input.taxUrl, 'taxUrl'),
    taxAccountId: text('taxAccountId', '1100000000'),
    taxLicenseKey: text('taxLicenseKey', 'gameday-license-key'),
    taxCompanyCode: text('taxCompanyCode', 'DEFAULT'),
    taxTimeoutMs: positive('taxTimeoutMs', input.taxTimeoutMs, 2000),
    taxShipTo: Object.freeze({ ...shipTo }),
    taxFallbackRateBps: rate,
    fraudUrl: parseHttpUrl(input.fraudUrl, 'fraudUrl'),
    fraudApiKey: text('fraudApiKey', 'gameday-sift-key'),
    fraudTimeoutMs: positive('fraudTimeoutMs', input.fraudTimeoutMs, 1000),
    fraudFailOpenLimits: Object.freeze(limits),
    vendorBulkhead: Object.freeze({
      maxConcurrent: positive('vendorBulkhead.maxConcurrent', bulkhead.maxConcurrent, 64, 10_000),
      maxQueued: positive('vendorBulkhead.maxQueued', bulkhead.maxQueued, 256, 1_000_000),
    }),
  })
}

function resolveSafeguards(input: Record<string, boolean>): Safeguards {
  const out = Object.fromEntries(SAFEGUARDS.map((name) => [name, true])) as Record<SafeguardName, boolean>
  for (const [name, on] of Object.entries(input)) {
    if (!isSafeguardName(name)) {
      throw new PlatformConfigError(`unknown safeguard '${name}'; known: ${SAFEGUARDS.join(', ')}`)
    }
    if (typeof on !== 'boolean') throw new PlatformConfigError(`safeguard '${name}' must be true or false`)
    out[name] = on
  }
  return Object.freeze(out)
}

/**
 * `node_modules/.cache/gameday` of the install gameday runs from (find-cache-dir's convention),
 * wherever the command is run: a run from a team's own folder reuses the template that
 * `npm install` left, rather than building a new one (seconds) in a `node_modules` of theirs.
 */
export function defaultCacheDir(): string {
  try {
    const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite')
    const at = pglite.lastIndexOf(`${sep}node_modules${sep}`)
    if (at >= 0) return join(pglite.slice(0, at), 'node_modules', '.cache', 'gameday')
  } catch {
    // Not resolvable (an unusual install): fall back to the working directory's.
  }
  return join(process.cwd(), 'node_modules', '.cache', 'gameday')
}
