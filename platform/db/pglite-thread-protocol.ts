import type { PgliteWasmModule } from './pglite-wasm.js'

/** What the database thread is started with. */
export interface ThreadStart {
  dataDir: string
  /** Compiled once by the platform's main thread (a Module crosses threads without recompiling). */
  wasmModule?: PgliteWasmModule
}

/** One message to the database thread. `id` pairs it with its reply. */
export type ThreadRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[] }
  | { id: number; op: 'begin' | 'commit' | 'rollback' | 'close' }

/** One reply: the statement's rows, or its error. Id 0 is the thread's "open" (or its failure to). */
export type ThreadReply =
  { id: number; rows: unknown[]; rowCount: number; error?: undefined } | { id: number; error: ThreadError }

/** A database error as it crosses the thread: its message and Postgres's fields (`code`, …). */
export interface ThreadError {
  message: string
  fields?: Record<string, string | number>
}

// The fields of a Postgres error worth keeping (PGlite's DatabaseError carries them as `pg` does).
const FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'where',
] as const

export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { message: String(error) }
  const fields: Record<string, string | number> = {}
  for (const key of FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[key]
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value
  }
  return { message: error.message, fields }
}

/** A database error from the thread, rebuilt with the same fields, so callers read `err.code` as before. */
export class DatabaseThreadError extends Error {
  constructor(error: ThreadError) {
    super(error.message)
    this.name = 'DatabaseError'
    Object.assign(this, error.fields)
  }
}
