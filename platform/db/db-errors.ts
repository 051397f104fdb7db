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
