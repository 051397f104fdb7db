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
  it('builds one migrated template when two callers race, leaving no temp dirs or locks', async () => {
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

describe('warmDatabaseTemplate across processes', () => {
  it('builds once when several processes start on a cold cache', async () => {
    const { fork } = await import('node:child_process')
    const cacheDir = mkdtempSync(join(tmpdir(), 'gameday-cache-procs-'))
    dirs.push(cacheDir)
    const script = join(cacheDir, '..', `warm-${process.pid}.mjs`)
    const { writeFileSync } = await import('node:fs')
    const here = new URL('./template.ts', import.meta.url).pathname
    writeFileSync(
      script,
      `const { warmDatabaseTemplate } = await import(${JSON.stringify(here)})
process.send(await warmDatabaseTemplate(${JSON.stringify(cacheDir)}))
`,
    )
    dirs.push(script)
    const results = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<string>((resolve, reject) => {
            const child = fork(script, { execArgv: ['--import', 'tsx'] })
            child.once('message', (m) => resolve(String(m)))
            child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`exit ${code}`))))
          }),
      ),
    )
    expect(new Set(results).size).toBe(1)
    expect(readdirSync(cacheDir)).toEqual([`pglite-template-${templateKey()}`])
  }, 60_000)
})
