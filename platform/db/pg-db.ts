import pg from 'pg'
import { createLeaseScope, requestPool } from './connection-leases.js'
import {
  DEFAULT_POOL_SIZE,
  parseInt8,
  type Db,
  type PoolOptions,
  type Queryable,
  type QueryResult,
} from './db.js'
import { isStaleStatement, statementNames } from './pg-statements.js'

const INT8_OID = 20
/** Connections beyond the request pool, for the background jobs (reconciler, relay, completer). */
const BACKGROUND_CONNECTIONS = 3

/** Options for {@link openPgDb}. */
export interface PgDbOptions {
  /** A `postgres://` URL. */
  url: string
  /** The schema to create (if missing) and use as `search_path`. @default 'public' */
  schema?: string
  /** The request pool (`withConnection`). */
  pool?: PoolOptions
  /**
   * Each session's `synchronous_commit`. `off` (the default): a COMMIT returns once its WAL is in
   * the server's memory, not on disk — 3.4 → 0.25 ms a single-row INSERT on this machine's disk,
   * and a checkout commits ~8 times while it holds a pool connection. An acknowledged commit still
   * survives the platform's crash and restart and any fault on the database link (the server has
   * it; the WAL writer flushes it within ~0.6 s); only a crash of the Postgres server or the
   * machine in that window would lose it, and no game day crashes either (the embedded PGlite,
   * inside the platform's process, is less durable still). Consistency is never at risk: a
   * transaction is lost whole or kept whole. `on` for a server that must survive its own crash.
   * @default 'off'
   */
  synchronousCommit?: 'on' | 'off'
}

/** The connection a request holds, and whether it is inside a transaction of its own. */
interface Held {
  client: pg.PoolClient
  inTransaction: boolean
  /** Set when the connection must not go back to the pool: it is closed on release instead. */
  broken: Error | undefined
}

/**
 * Opens a pool on a real Postgres. With `schema`, creates it and pins every connection's
 * `search_path` to it, so parallel runs on one server never see each other's tables.
 *
 * Requests hold one connection each (`withConnection`), at most `pool.size` at once; calls made
 * outside a request (background jobs) take one from the pool per query or transaction.
 *
 * @example const db = await openPgDb({ url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'run_42' })
 */
export async function openPgDb(options: PgDbOptions): Promise<Db> {
  const schema = options.schema ?? 'public'
  const size = options.pool?.size ?? DEFAULT_POOL_SIZE
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  }
  const admin = new pg.Client({ connectionString: options.url })
  await admin.connect()
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`)
  } finally {
    await admin.end()
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: size + BACKGROUND_CONNECTIONS,
    options: `-c search_path="${schema}" -c synchronous_commit=${options.synchronousCommit ?? 'off'}`,
    types,
  })
  // An idle client's error (e.g. the server restarted) must not crash the process.
  pool.on('error', () => {})
  const names = statementNames()
  /**
   * Runs SQL on the pool (a connection per statement) or one connection. A statement with
   * parameters (the platform's fixed texts) runs named; one without (BEGIN, COMMIT, DDL, counts)
   * as a simple query, one message. A named statement that went stale on its connection runs
   * again unnamed (outside a transaction; inside, the transaction is aborted, so the error goes up)
   * and the connection is closed rather than reused: `pool.query` closes it on any error, a held
   * or transaction connection through `onStale`.
   */
  const wrap = (q: pg.Pool | pg.PoolClient, inTx: boolean, onStale?: (err: Error) => void): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const values = params ? [...params] : undefined
      const name = values ? names.nameOf(sql) : undefined
      let res: pg.QueryResult
      try {
        res = await q.query(name ? { name, text: sql, values } : { text: sql, values })
      } catch (err) {
        if (!name || !isStaleStatement(err)) throw err
        onStale?.(err as Error)
        if (inTx) throw err
        res = await q.query({ text: sql, values })
      }
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length }
    },
  })
  const leases = requestPool(options.pool)
  const scope = createLeaseScope<Held>({
    async acquire() {
      await leases.acquire()
      try {
        const client = await pool.connect()
        const held: Held = { client, inTransaction: false, broken: undefined }
        // A checked-out client's connection error is emitted on it: without a listener it
        // would crash the process. The client is destroyed on release, not reused.
        client.on('error', (err) => (held.broken = err))
        return held
      } catch (err) {
        leases.release()
        throw err
      }
    },
    release(held) {
      held.client.removeAllListeners('error')
      held.client.release(held.broken)
      leases.release()
    },
  })
  /** The held connection, unless it is busy with a transaction of its own (then as before: the pool). */
  const usable = () => {
    const held = scope.current()
    return held && !held.inTransaction ? held : undefined
  }
  async function inTransaction<T>(
    client: pg.PoolClient,
    fn: (tx: Queryable) => Promise<T>,
    onStale: (err: Error) => void,
  ): Promise<T> {
    await client.query('BEGIN')
    try {
      const out = await fn(wrap(client, true, onStale))
      await client.query('COMMIT')
      return out
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    }
  }
  return {
    kind: 'postgres',
    query: (sql, params) => {
      const held = usable()
      if (!held) return wrap(pool, false).query(sql, params)
      return wrap(held.client, false, (err) => (held.broken ??= err)).query(sql, params)
    },
    async transaction(fn) {
      const held = usable()
      if (held) {
        held.inTransaction = true
        try {
          return await inTransaction(held.client, fn, (err) => (held.broken ??= err))
        } finally {
          held.inTransaction = false
        }
      }
      const client = await pool.connect()
      // As for a held connection: a connection lost mid-transaction must not crash the process.
      const ignore = () => {}
      client.on('error', ignore)
      let stale: Error | undefined
      try {
        return await inTransaction(client, fn, (err) => (stale ??= err))
      } finally {
        client.off('error', ignore)
        client.release(stale)
      }
    },
    withConnection: (fn) => scope.run(fn),
    close: () => pool.end(),
  }
}
