/** The request pool: how many connections requests may hold at once, and how long one waits. */
export interface PoolOptions {
  /** @default 20 */
  size?: number
  /** @default 2000 */
  acquireTimeoutMs?: number
}

export const DEFAULT_POOL_SIZE = 20
export const DEFAULT_POOL_ACQUIRE_TIMEOUT_MS = 2_000

/** Rows of one statement and how many rows it changed. */
export interface QueryResult<R> {
  rows: R[]
  rowCount: number
}

/** Something that runs SQL with `$1…` parameters: the database, or one transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>
}

/**
 * The platform's one database interface, over PGlite (embedded) or `pg` (a real Postgres): the
 * same SQL and migrations run on both.
 *
 * @note Pass JSON as `JSON.stringify(x)` with a `$n::jsonb` cast, and read `int8` columns as
 * numbers (both drivers are configured to parse them, throwing beyond the safe-integer range).
 */
export interface Db extends Queryable {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /**
   * Runs `fn` holding one connection of the pool (see `connection-leases.ts`): the calls it makes
   * through this handle use that connection. Rejects with `DbPoolExhaustedError` when none comes
   * free within the pool's acquire timeout. A call already holding one reuses it.
   */
  withConnection<T>(fn: () => Promise<T>): Promise<T>
  /** Which engine this is, for logs and reports. */
  readonly kind: 'pglite' | 'postgres'
  close(): Promise<void>
}

/** Parses an `int8` the database sent as text; refuses values a JS number cannot hold exactly. */
export function parseInt8(text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n))
    throw new RangeError(`Failed to read int8 (${text}): beyond the safe-integer range`)
  return n
}
