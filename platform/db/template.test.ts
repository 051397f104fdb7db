import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openPgliteDb } from './pglite-db.js'
import { templateKey, warmDatabaseTemplate } from './template.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('warmDatabaseTemplate', () => {
  it('builds one migrated template when two callers race, leaving no temp dirs', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'gameday-cache-test-'))
    dirs.push(cacheDir)
    const [a, b] = await Promise.all([warmDatabaseTemplate(cacheDir), warmDatabaseTemplate(cacheDir)])
    expect(a).toBe(b)
    expect(a).toContain(templateKey())
    expect(readdirSync(cacheDir)).toEqual([`pglite-template-${templateKey()}`])
    const db = await openPgliteDb(a)
    try {
      const res = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM schema_migrations')
      expect(res.rows[0]?.n).toBeGreaterThanOrEqual(4)
    } finally {
      await db.close()
    }
    // A second warm-up on a warm cache is a lookup.
    const started = Date.now()
    expect(await warmDatabaseTemplate(cacheDir)).toBe(a)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(existsSync(a)).toBe(true)
  })
})
