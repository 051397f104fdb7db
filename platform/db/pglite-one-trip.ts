import { parse, protocol, type PGlite } from '@electric-sql/pglite'
import type { QueryResult } from './db.js'

/**
 * One statement with `$n` parameters in one call into PGlite's wasm: Parse, Bind, Describe,
 * Execute and Sync sent together, as `pg` sends them to a server. PGlite's own `query()` makes six
 * calls per statement (it first asks the server for the parameters' types, to serialise them),
 * which cost ~30% more CPU per statement than this, measured on PGlite 0.5. Each SQL text is also
 * prepared once per session as a named statement, so later runs skip parsing and planning: a
 * primary-key SELECT 146 → 80 µs CPU, the saga's guarded UPDATE+INSERT 291 → 92 µs. Parameters go as text
 * with their types left to the server to infer — exactly what `pg` does on the Postgres path, so
 * the same SQL means the same on both. Results are parsed by PGlite's own parser with its parsers
 * (the `int8` one included).
 *
 * @note Holds PGlite's query mutex, and outside a transaction its transaction mutex too (as
 * `query()` does), so it never lands inside another caller's transaction. It skips `query()`'s
 * `syncToFs`, a no-op on the node filesystem that `openPgliteDb` always uses.
 */
export function oneTripQuery(pg: PGlite, inTransaction: boolean, statements: PreparedStatements) {
  const run = async (message: Uint8Array) => {
    const go = () =>
      pg._runExclusiveQuery(async () => {
        const { messages } = await pg.execProtocol(message, { syncToFs: false })
        return parse.parseResults(messages, pg.parsers)
      })
    return inTransaction ? go() : pg._runExclusiveTransaction(go)
  }
  return async function query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    const values = (params ?? []).map(toText)
    const known = statements.named.get(sql)
    let results: Awaited<ReturnType<typeof run>>
    if (known !== undefined) {
      try {
        results = await run(encode(known, undefined, values))
      } catch (err) {
        // The session lost the statement (DISCARD ALL) or its plan no longer fits (DDL): forget it.
        // Nothing ran; outside a transaction the statement is parsed again, inside the caller's
        // transaction is aborted anyway, so the error goes up.
        if (!isStaleStatement(err)) throw err
        statements.named.delete(sql)
        if (inTransaction) throw err
        return query<R>(sql, params)
      }
    } else {
      // Named (so parsed and planned once per session) while names last; a name is never reused,
      // so one whose statement failed (and is not cached) cannot collide. The bound caps what such
      // failures leave prepared in the session.
      const name = statements.seq < MAX_NAMES ? `gameday_${++statements.seq}` : ''
      results = await run(encode(name, sql, values))
      if (name) statements.named.set(sql, name)
    }
    const res = results[0]
    if (!res) return { rows: [], rowCount: 0 }
    return { rows: res.rows as R[], rowCount: res.affectedRows || res.rows.length }
  }
}

/** The statements one PGlite session has prepared, by SQL text (shared by its every caller). */
export interface PreparedStatements {
  named: Map<string, string>
  seq: number
}

/** A new, empty statement cache, for one PGlite instance. */
export function preparedStatements(): PreparedStatements {
  return { named: new Map(), seq: 0 }
}

/** The platform's SQL is a few dozen fixed texts; past this many names, statements go unnamed. */
const MAX_NAMES = 1_000

/** 26000: no such prepared statement; 0A000: "cached plan must not change result type". */
function isStaleStatement(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === '26000' || code === '0A000'
}

const { serialize } = protocol

/** Parse (when `sql` is given) into `name` ('' = unnamed), Bind, Describe, Execute, Sync. */
function encode(name: string, sql: string | undefined, values: (string | null)[]): Uint8Array {
  const parts = [
    ...(sql === undefined ? [] : [serialize.parse({ name, text: sql })]),
    serialize.bind({ statement: name, values }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
    serialize.sync(),
  ]
  let length = 0
  for (const part of parts) length += part.length
  const message = new Uint8Array(length)
  let at = 0
  for (const part of parts) {
    message.set(part, at)
    at += part.length
  }
  return message
}

/** A parameter as Postgres's text input for it (`pg`'s `prepareValue`, for the values we send). */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return arrayLiteral(value)
  return JSON.stringify(value)
}

function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (Array.isArray(v)) return arrayLiteral(v)
    const text = toText(v)
    return text === null ? 'NULL' : `"${text.replace(/[\\"]/g, '\\$&')}"`
  })
  return `{${items.join(',')}}`
}
