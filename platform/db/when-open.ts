import type { Db } from './db.js'

/**
 * A database handle whose every call waits for `opening`: the app can be built and made ready
 * while the database still opens. A call after a failed open rejects with the open's error.
 *
 * @example const db = whenOpen('pglite', openPgliteDb(dir))
 */
export function whenOpen(kind: Db['kind'], opening: Promise<Db>): Db {
  // Nobody may call before the open settles; a failed open is reported by whoever awaits it.
  opening.catch(() => {})
  return {
    kind,
    query: async (sql, params) => (await opening).query(sql, params),
    transaction: async (fn) => (await opening).transaction(fn),
    withConnection: async (fn) => (await opening).withConnection(fn),
    close: async () => (await opening).close(),
  }
}
