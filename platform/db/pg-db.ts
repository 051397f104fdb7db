import pg from 'pg'
import { parseInt8, type Db, type Queryable, type QueryResult } from './db.js'

const INT8_OID = 20

/** Options for {@link openPgDb}. */
export interface PgDbOptions {
  /** A `postgres://` URL. */
  url: string
  /** The schema to create (if missing) and use as `search_path`. @default 'public' */
  schema?: string
  /** @default 10 */
  poolSize?: number
}

/**
 * Opens a pool on a real Postgres. With `schema`, creates it and pins every connection's
 * `search_path` to it, so parallel runs on one server never see each other's tables.
 *
 * @example const db = await openPgDb({ url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'run_42' })
 */
export async function openPgDb(options: PgDbOptions): Promise<Db> {
  const schema = options.schema ?? 'public'
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
    max: options.poolSize ?? 10,
    options: `-c search_path="${schema}"`,
    types,
  })
  // An idle client's error (e.g. the server restarted) must not crash the process.
  pool.on('error', () => {})
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const res = await q.query(sql, params ? [...params] : undefined)
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length }
    },
  })
  return {
    kind: 'postgres',
    query: wrap(pool).query,
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const out = await fn(wrap(client))
        await client.query('COMMIT')
        return out
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}
