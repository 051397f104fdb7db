import { createRequire } from 'node:module'
import { join, resolve, sep } from 'node:path'
import { isSafeguardName, SAFEGUARDS, type SafeguardName, type Safeguards } from './safeguards.js'

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
  readonly pspUrl: string
  readonly pspApiKey: string
  readonly pspTimeoutMs: number
  readonly webhookSecret: string | undefined
  readonly safeguards: Safeguards
  readonly seed: number
  readonly logLevel: LogLevel
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
  const pspUrl = parseHttpUrl(input.pspUrl)
  const pspTimeoutMs = input.pspTimeoutMs ?? 2000
  if (!Number.isInteger(pspTimeoutMs) || pspTimeoutMs <= 0) {
    throw new PlatformConfigError(
      `pspTimeoutMs must be a positive integer, got ${String(input.pspTimeoutMs)}`,
    )
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
    pspUrl,
    pspApiKey: input.pspApiKey ?? 'sk_test_gameday',
    pspTimeoutMs,
    webhookSecret: input.webhookSecret,
    safeguards: resolveSafeguards(input.safeguards ?? {}),
    seed,
    logLevel,
  })
}

function parseHttpUrl(value: unknown): string {
  if (typeof value !== 'string')
    throw new PlatformConfigError('pspUrl is required (e.g. http://127.0.0.1:12111)')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new PlatformConfigError(`pspUrl is not a URL: '${value}'`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PlatformConfigError(`pspUrl must be http(s), got '${value}'`)
  }
  return url.origin
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
