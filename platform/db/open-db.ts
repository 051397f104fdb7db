import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PlatformConfig } from '../config.js'
import type { Db } from './db.js'
import { migrate } from './migrate.js'
import { openPgDb } from './pg-db.js'
import { openPgliteDb } from './pglite-db.js'
import { isInitialisedDataDir, warmDatabaseTemplate } from './template.js'

/**
 * Opens the database the config names and brings it to the current migrations.
 * Embedded: copies the cached template into this run's `dataDir` (or reopens a `dataDir` that
 * is already initialised, as after a crash and restart); a temp `dataDir` is removed on close.
 */
export async function openDatabase(config: PlatformConfig): Promise<Db> {
  if (config.db !== 'embedded') {
    const db = await openPgDb({ url: config.db, ...(config.pgSchema ? { schema: config.pgSchema } : {}) })
    await migrateOrClose(db)
    return db
  }
  const ownsDir = config.dataDir === undefined
  const dataDir = config.dataDir ?? mkdtempSync(join(tmpdir(), 'gameday-pglite-'))
  if (!isInitialisedDataDir(dataDir)) {
    const template = await warmDatabaseTemplate(config.cacheDir)
    mkdirSync(dataDir, { recursive: true })
    if (readdirSync(dataDir).length > 0) throw new Error(`Failed to open database (${dataDir}): not empty`)
    cpSync(template, dataDir, { recursive: true })
  }
  const db = await openPgliteDb(dataDir)
  await migrateOrClose(db)
  if (!ownsDir) return db
  return {
    ...db,
    async close() {
      await db.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function migrateOrClose(db: Db): Promise<void> {
  try {
    await migrate(db)
  } catch (err) {
    await db.close().catch(() => {})
    throw err
  }
}
