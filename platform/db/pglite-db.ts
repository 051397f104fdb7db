import { PGlite, types } from '@electric-sql/pglite'
import { precompilePgliteWasm } from './pglite-wasm.js'
import { parseInt8, type Db, type Queryable, type QueryResult } from './db.js'

/**
 * Opens an embedded PGlite database in `dataDir` (initialising it when the directory is empty).
 *
 * @example const db = await openPgliteDb('/tmp/run-1')
 */
export async function openPgliteDb(dataDir: string): Promise<Db> {
  const pgliteWasmModule = await precompilePgliteWasm()
  const pg = await PGlite.create({
    dataDir,
    parsers: { [types.INT8]: parseInt8 },
    ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
  })
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const res = await q.query<R>(sql, params ? [...params] : undefined)
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length }
    },
  })
  const root = wrap(pg)
  return {
    kind: 'pglite',
    query: root.query,
    // PGlite has one session: its transaction() holds a mutex, so other queries wait for it.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  }
}
