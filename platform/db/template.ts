import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { systemClock } from '../../lib/clock.js'
import { entropyHex } from '../../lib/random.js'
import { migrate } from './migrate.js'
import { MIGRATIONS } from './migrations.js'
import { openPgliteDb } from './pglite-db.js'

const READY_MARKER = 'gameday-template-ready'

/**
 * A build lock older than this is taken over: its holder died mid-build. The machine's clock on
 * purpose (`systemClock`): lock ages are compared with file mtimes, shared with other processes.
 */
const STALE_LOCK_MS = 90_000
const building = new Map<string, Promise<string>>()

/**
 * Makes sure a migrated PGlite data directory for the current migrations exists under `cacheDir`
 * and returns its path. PGlite's initdb takes seconds; copying this template takes ~0.15 s.
 *
 * Built once even when many processes start on a cold cache (parallel test files, a CLI and its
 * children): one takes a lock directory and builds in a temp dir, then renames it into place;
 * the others wait for it instead of each running initdb.
 *
 * @example await warmDatabaseTemplate('node_modules/.cache/gameday')
 */
export function warmDatabaseTemplate(cacheDir: string): Promise<string> {
  const dir = join(cacheDir, `pglite-template-${templateKey()}`)
  if (existsSync(join(dir, READY_MARKER))) return Promise.resolve(dir)
  let pending = building.get(dir)
  if (!pending) {
    pending = buildOnce(cacheDir, dir).finally(() => building.delete(dir))
    building.set(dir, pending)
  }
  return pending
}

async function buildOnce(cacheDir: string, dir: string): Promise<string> {
  mkdirSync(cacheDir, { recursive: true })
  const lock = `${dir}.lock`
  for (;;) {
    if (existsSync(join(dir, READY_MARKER))) return dir
    try {
      mkdirSync(lock)
    } catch {
      // Someone else is building: wait for the template, or take over a dead builder's lock.
      if (systemClock.now() - lockAgeStart(lock) > STALE_LOCK_MS)
        rmSync(lock, { recursive: true, force: true })
      await new Promise((r) => setTimeout(r, 100))
      continue
    }
    try {
      if (!existsSync(join(dir, READY_MARKER))) await build(cacheDir, dir)
      return dir
    } finally {
      rmSync(lock, { recursive: true, force: true })
    }
  }
}

function lockAgeStart(lock: string): number {
  try {
    return statSync(lock).mtimeMs
  } catch {
    return systemClock.now()
  }
}

async function build(cacheDir: string, dir: string): Promise<void> {
  const tmp = join(cacheDir, `.building-${process.pid}-${systemClock.now()}-${entropyHex(6)}`)
  try {
    const db = await openPgliteDb(tmp)
    try {
      await migrate(db)
    } finally {
      await db.close()
    }
    writeFileSync(join(tmp, READY_MARKER), new Date(systemClock.now()).toISOString())
    try {
      renameSync(tmp, dir)
    } catch (err) {
      // A builder whose lock was taken over finished first; its template is as good as ours.
      if (!existsSync(join(dir, READY_MARKER))) throw err
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** Whether `dataDir` already holds an initialised PGlite database (e.g. a restart after a crash). */
export function isInitialisedDataDir(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'))
}

/** A hash of everything that shapes the template: the migrations and the PGlite version. */
export function templateKey(): string {
  const hash = createHash('sha256')
  hash.update(pgliteVersion())
  for (const m of MIGRATIONS) hash.update(`\0${m.id}\0${m.sql}`)
  return hash.digest('hex').slice(0, 16)
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url)
  const pkgPath = join(require.resolve('@electric-sql/pglite').replace(/dist[\\/].*$/, ''), 'package.json')
  return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version
}
