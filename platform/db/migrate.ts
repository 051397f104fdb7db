import type { Db } from './db.js'
import { MIGRATIONS, type Migration } from './migrations.js'

/**
 * Applies the migrations not yet applied, each in its own transaction. Safe when two processes
 * migrate one Postgres schema at once: a transaction-scoped advisory lock serialises them.
 *
 * @returns the ids it applied.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  )
  const applied = new Set(
    (await db.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id),
  )
  const done: string[] = []
  for (const m of migrations) {
    if (applied.has(m.id)) continue
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema()))')
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id])
      if (seen.rows.length > 0) return false
      for (const statement of splitStatements(m.sql)) await tx.query(statement)
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id])
      return true
    })
    if (ran) done.push(m.id)
  }
  return done
}

/** Splits a migration on `;` at line ends (the migrations hold no procedural code). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}
