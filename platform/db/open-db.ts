import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PlatformConfig } from '../config.js'
import type { Db } from './db.js'
import { copyDir } from './copy-dir.js'
import { migrate } from './migrate.js'
import { openPgliteDb } from './pglite-db.js'
import { precompilePgliteWasm } from './pglite-wasm.js'
import { isInitialisedDataDir, warmDatabaseTemplate } from './template.js'

/**
 * Opens the database the config names and brings it to the current migrations.
 * Embedded: copies the cached template into this run's `dataDir` (or reopens a `dataDir` that
 * is already initialised, as after a crash and restart); a temp `dataDir` is removed on close.
 */
export async function openDatabase(config: PlatformConfig): Promise<OpenedDatabase> {
  if (config.db !== 'embedded') {
    // Loaded only for Postgres: the `pg` driver takes ~50 ms to load, on an embedded run's start-up path.
    const { openPgDb } = await import('./pg-db.js')
    const db = await openPgDb({
      url: config.db,
      pool: config.dbPool,
      ...(config.pgSchema ? { schema: config.pgSchema } : {}),
    })
    await migrateOrClose(db)
    return { db, dataDir: undefined }
  }
  const ownsDir = config.dataDir === undefined
  const dataDir = config.dataDir ?? mkdtempSync(join(scratchDir(), `gameday-pglite-${process.pid}-`))
  const removeOwnDir = () => {
    if (ownsDir) rmSync(dataDir, { recursive: true, force: true })
  }
  void precompilePgliteWasm()
  let db: Db
  try {
    const fresh = !isInitialisedDataDir(dataDir)
    if (fresh) {
      const template = await warmDatabaseTemplate(config.cacheDir)
      mkdirSync(dataDir, { recursive: true })
      if (readdirSync(dataDir).length > 0) throw new Error(`Failed to open database (${dataDir}): not empty`)
      await copyDir(template, dataDir)
    }
    db = await openPgliteDb(dataDir, config.dbPool)
    // A fresh copy of the template is migrated already (the template is keyed by the migrations).
    if (!fresh) await migrateOrClose(db)
  } catch (err) {
    removeOwnDir()
    throw err
  }
  if (!ownsDir) return { db, dataDir }
  return {
    db: {
      ...db,
      async close() {
        await db.close()
        removeOwnDir()
      },
    },
    dataDir,
  }
}

/** An open database and, when embedded, the directory its files are in. */
export interface OpenedDatabase {
  db: Db
  dataDir: string | undefined
}

async function migrateOrClose(db: Db): Promise<void> {
  try {
    await migrate(db)
  } catch (err) {
    await db.close().catch(() => {})
    throw err
  }
}

/**
 * Where a run's own database goes by default: memory-backed `/dev/shm` when there is one, as
 * copying the 39 MB template to disk took 0.8–1.5 s on a busy machine (0.1 s to tmpfs). A tmpfs
 * survives the platform's crash and restart, not the machine's.
 */
export function scratchDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK)
    return '/dev/shm'
  } catch {
    return tmpdir()
  }
}
