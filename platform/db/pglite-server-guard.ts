import type { PGlite } from '@electric-sql/pglite'

const code = (c: string) => c.charCodeAt(0)
/** Parse, Bind, Describe, Execute, Close, Flush: extended-query messages that a Sync must end. */
const OPENS_BATCH = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map(code))
const ENDS_BATCH = new Set(['S', 'Q'].map(code))
const SYNC = new Uint8Array([code('S'), 0, 0, 0, 4])

/**
 * Wraps the one PGlite that a `PGLiteSocketServer` multiplexes so that each connection keeps the
 * database from its first extended-query message to its Sync, not only inside BEGIN … COMMIT.
 *
 * Why: pglite-socket 0.2.17's queue pins the database to one connection only while
 * `isInTransaction()` is true, which an extended-query batch (`pg` sends Parse, Bind, Describe,
 * Execute, Sync for every query with parameters) is not. When a batch arrives in several TCP
 * segments — a slicer or bandwidth toxic on the `db` link does exactly that — another connection's
 * Parse runs between this one's Parse and Bind and replaces the unnamed statement, so a query
 * gets another query's rows or `portal "" does not exist` (measured: 82 wrong answers and 197
 * errors in 300 queries through a relay that forwards 7 bytes every 2 ms).
 *
 * Also: a connection that goes away mid-batch gets a Sync before the library's ROLLBACK (a
 * backend that failed mid-batch ignores everything up to a Sync), and a message that throws
 * answers an ErrorResponse instead of wedging the library's queue, which stops for good when
 * one run rejects.
 */
export function guardPgliteSessions(db: PGlite): PGlite {
  let batchOpen = false
  const endBatch = async () => {
    if (!batchOpen) return
    batchOpen = false
    await db.runExclusive(() => db.execProtocolRaw(SYNC))
  }
  const overrides: Partial<Record<keyof PGlite, unknown>> = {
    isInTransaction: () => batchOpen || db.isInTransaction(),
    async execProtocolRawStream(
      message: Uint8Array,
      options: { syncToFs?: boolean; onRawData: (data: Uint8Array) => void },
    ): Promise<void> {
      const type = message[0] ?? 0
      try {
        await db.execProtocolRawStream(message, options)
      } catch (err) {
        options.onRawData(errorResponse(err, type !== 0))
      } finally {
        if (OPENS_BATCH.has(type)) batchOpen = true
        else if (ENDS_BATCH.has(type)) batchOpen = false
      }
    },
    // pglite-socket calls exec('ROLLBACK') when the connection holding the database goes away.
    async exec(sql: string, options?: Parameters<PGlite['exec']>[1]) {
      try {
        await endBatch()
        return await db.exec(sql, options)
      } catch (err) {
        // A detach that lands after close() must not surface as an unhandled rejection.
        if (db.closed) return []
        throw err
      }
    },
  }
  return new Proxy(db, {
    get(target, prop) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof PGlite]
      const value: unknown = Reflect.get(target, prop, target)
      // PGlite keeps its state in #private fields: its methods must run with the real instance.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

/** An ErrorResponse (SQLSTATE XX000), and a ReadyForQuery when the session goes on. */
function errorResponse(err: unknown, ready: boolean): Uint8Array {
  const text = `Failed to run a protocol message: ${err instanceof Error ? err.message : String(err)}`
  const fields = Buffer.concat([
    Buffer.from('SERROR\0VERROR\0CXX000\0M', 'utf8'),
    Buffer.from(text.replace(/\0/g, ''), 'utf8'),
    Buffer.from('\0\0', 'utf8'),
  ])
  const head = Buffer.alloc(5)
  head.write('E', 0, 'latin1')
  head.writeInt32BE(fields.length + 4, 1)
  const readyForQuery = Buffer.from([code('Z'), 0, 0, 0, 5, code('I')])
  return new Uint8Array(Buffer.concat([head, fields, ...(ready ? [readyForQuery] : [])]))
}
