import { parse, protocol, type PGlite } from '@electric-sql/pglite'
import type { QueryResult } from './db.js'

/**
 * One statement with `$n` parameters in one call into PGlite's wasm: Parse, Bind, Describe,
 * Execute and Sync sent together, as `pg` sends them to a server. PGlite's own `query()` makes six
 * calls per statement (it first asks the server for the parameters' types, to serialise them),
 * which cost ~30% more CPU per statement than this, measured on PGlite 0.5. Parameters go as text
 * with their types left to the server to infer — exactly what `pg` does on the Postgres path, so
 * the same SQL means the same on both. Results are parsed by PGlite's own parser with its parsers
 * (the `int8` one included).
 *
 * @note Holds PGlite's query mutex, and outside a transaction its transaction mutex too (as
 * `query()` does), so it never lands inside another caller's transaction. It skips `query()`'s
 * `syncToFs`, a no-op on the node filesystem that `openPgliteDb` always uses.
 */
export function oneTripQuery(pg: PGlite, inTransaction: boolean) {
  return async function query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    const message = encode(sql, params)
    const run = () =>
      pg._runExclusiveQuery(async () => {
        const { messages } = await pg.execProtocol(message, { syncToFs: false })
        return parse.parseResults(messages, pg.parsers)
      })
    const results = await (inTransaction ? run() : pg._runExclusiveTransaction(run))
    const res = results[0]
    if (!res) return { rows: [], rowCount: 0 }
    return { rows: res.rows as R[], rowCount: res.affectedRows || res.rows.length }
  }
}

const { serialize } = protocol

function encode(sql: string, params: readonly unknown[] | undefined): Uint8Array {
  const parts = [
    serialize.parse({ text: sql }),
    serialize.bind({ values: (params ?? []).map(toText) }),
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
