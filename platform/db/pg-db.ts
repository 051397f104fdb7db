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
import { isDuplicateStatement, isStaleStatement, parsedStatements, statementNames } from './pg-statements.js'

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
  let sharedSession = false
  await admin.connect()
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`)
    // PGlite served (pglite-server.ts): every connection shares its one session, so two would
    // prepare the same name at once (42P05, which aborts a transaction): statements go unnamed.
    const version = await admin.query<{ v: string }>('SELECT version() AS v')
    sharedSession = /PGlite/.test(version.rows[0]?.v ?? '')
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
   * Runs one statement on `client`. One with parameters (the platform's fixed texts) runs named;
   * one without (BEGIN, COMMIT, DDL, counts) as a simple query, one message. `broken` marks the
   * connection to be closed on release rather than reused.
   */
  async function run(
    client: pg.PoolClient,
    sql: string,
    params: readonly unknown[] | undefined,
    inTx: boolean,
    broken: (err: Error) => void,
  ): Promise<pg.QueryResult> {
    const values = params ? [...params] : undefined
    const name = values && !sharedSession ? names.nameOf(sql) : undefined
    if (!name) return client.query({ text: sql, values })
    try {
      return await client.query({ name, text: sql, values })
    } catch (err) {
      const duplicate = isDuplicateStatement(err)
      if (duplicate) {
        // Another connection of a shared session (PGlite served) prepared it: a name is its
        // text's hash, so this very text. This connection uses it from now on.
        parsedStatements(client)[name] = sql
      } else if (isStaleStatement(err)) {
        // Its plan no longer fits (DDL) or the session lost it: this connection's copy stays
        // stale, so the connection is closed on release; this once, the text runs unnamed.
        broken(err as Error)
      } else throw err
      // Inside a transaction the error aborted it: it goes up (the caller's retry, if any, runs anew).
      if (inTx) throw err
      return client.query(duplicate ? { name, text: sql, values } : { text: sql, values })
    }
  }
  const wrap = (client: pg.PoolClient, inTx: boolean, broken: (err: Error) => void): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const res = await run(client, sql, params, inTx, broken)
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length }
    },
  })
  /** A statement outside any request or transaction: on a connection of its own, from the pool. */
  async function onPool<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    const client = await pool.connect()
    let broken: Error | undefined
    // As for a held connection: a connection lost mid-statement must not crash the process.
    const onError = (err: Error) => (broken ??= err)
    client.on('error', onError)
    try {
      return await wrap(client, false, onError).query<R>(sql, params)
    } finally {
      client.off('error', onError)
      // pg-pool also closes a connection that died, broken or not.
      client.release(broken)
    }
  }
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
      if (!held) return onPool(sql, params)
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
