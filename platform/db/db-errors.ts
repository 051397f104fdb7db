/**
 * No connection of the pool came free within the acquire timeout: every one is held (by requests
 * waiting on a slow vendor, say). The API answers 503 `DB_POOL_EXHAUSTED`.
 */
export class DbPoolExhaustedError extends Error {
  readonly code = 'DB_POOL_EXHAUSTED'
  constructor(
    readonly poolSize: number,
    readonly waitedMs: number,
  ) {
    super(`Failed to get a database connection: all ${poolSize} were held for ${waitedMs} ms`)
    this.name = 'DbPoolExhaustedError'
  }
}

/** Error codes of a lost or refused connection to the database server (the `db` link down, a failover). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN'])
/** What `pg` says when the server's side of a connection goes away mid-conversation. */
const CONNECTION_MESSAGES = /Connection terminated|connection lost|Client has encountered a connection error/i

/**
 * Whether `err` says the database could not be reached (refused, reset, cut off), as opposed to a
 * query the server refused: the API answers 503 `DB_UNAVAILABLE` rather than a 500.
 */
export function isDbConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  return (typeof code === 'string' && CONNECTION_CODES.has(code)) || CONNECTION_MESSAGES.test(err.message)
}
