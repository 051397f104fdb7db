import { PGlite } from '@electric-sql/pglite'
import { oneTripQuery, preparedStatements } from './pglite-one-trip.js'
import { createLeaseScope, requestPool } from './connection-leases.js'
import { precompilePgliteWasm } from './pglite-wasm.js'
import type { Db, PoolOptions, Queryable } from './db.js'
import { pgliteOptions } from './pglite-options.js'

/**
 * Opens an embedded PGlite database in `dataDir` (initialising it when the directory is empty).
 * Its request pool is a semaphore of `pool.size` leases (PGlite has one session; the leases bound
 * how many requests hold the database at once, as a server's pool would).
 *
 * @example const db = await openPgliteDb('/tmp/run-1')
 */
export async function openPgliteDb(dataDir: string, pool: PoolOptions = {}): Promise<Db> {
  const pgliteWasmModule = await precompilePgliteWasm()
  const pg = await PGlite.create(pgliteOptions(dataDir, pgliteWasmModule))
  // One cache: PGlite has one session, whose prepared statements every caller shares.
  const statements = preparedStatements()
  const root: Queryable = { query: oneTripQuery(pg, false, statements) }
  const inTransaction: Queryable = { query: oneTripQuery(pg, true, statements) }
  const leases = requestPool(pool)
  const scope = createLeaseScope({ acquire: () => leases.acquire(), release: () => leases.release() })
  return {
    kind: 'pglite',
    query: root.query,
    // PGlite has one session: its transaction() holds a mutex, so other queries wait for it.
    transaction: (fn) => pg.transaction(() => fn(inTransaction)),
    withConnection: (fn) => scope.run(fn),
    close: () => pg.close(),
  }
}
