import { createHash } from 'node:crypto'
import type pg from 'pg'

/**
 * Names for the platform's SQL texts, so `pg` runs each as a named prepared statement: a
 * connection parses and plans a text once, later runs send only Bind/Execute (a PK SELECT's server
 * CPU 47 → 13 µs, the driver's 114 → 41 µs, measured on the local Postgres 15). `pg` remembers,
 * per connection, which names it has parsed. A name is its text's SHA-1, so one name always means
 * one text — in every connection and every process, which matters where connections share one
 * session (PGlite served by `pglite-server.ts`, which outlives a platform that crashed).
 */
export interface StatementNames {
  /** The name for `sql`, or undefined once {@link MAX_STATEMENT_NAMES} are handed out (then it runs unnamed). */
  nameOf(sql: string): string | undefined
}

/** The platform's SQL is a few dozen fixed texts; past this many, a text runs unnamed (no per-connection growth). */
export const MAX_STATEMENT_NAMES = 1_000

/** A new name table, for one pool. */
export function statementNames(max = MAX_STATEMENT_NAMES): StatementNames {
  const names = new Map<string, string>()
  return {
    nameOf(sql) {
      const known = names.get(sql)
      if (known !== undefined || names.size >= max) return known
      // 8 + 40 characters: within Postgres's 63-character identifiers.
      const name = `gameday_${createHash('sha1').update(sql).digest('hex')}`
      names.set(sql, name)
      return name
    },
  }
}

/**
 * 26000: no such prepared statement (the session lost it, e.g. `DISCARD ALL`); 0A000: "cached
 * plan must not change result type" (DDL changed a table under it). Nothing ran.
 */
export function isStaleStatement(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === '26000' || code === '0A000'
}

/** 42P05: a statement of that name exists already (another connection of a shared session). */
export function isDuplicateStatement(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '42P05'
}

/** The names `pg` believes `client`'s connection has prepared, by name (`pg` keeps it, untyped). */
export function parsedStatements(client: pg.ClientBase): Record<string, string> {
  return (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection
    .parsedStatements
}
