import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { scratchDir } from './local-addresses.js'

/** Database directories a run (`gameday-db-`) or a platform on its own (`gameday-pglite-`) makes: `<prefix><pid>-<random>`. */
const OWNED = /^gameday-(?:db|pglite)-(\d+)-[^/]+$/

/**
 * A new directory for this run's embedded database, named with this process's pid so that a
 * later run can tell it was orphaned (a SIGKILLed run cannot remove its own).
 */
export function makeRunDir(parent = scratchDir()): Promise<string> {
  return mkdtemp(join(parent, `gameday-db-${process.pid}-`))
}

/**
 * Removes the database directories of runs whose process is gone (SIGKILLed, or the machine's
 * OOM killer): each holds ~40 MB, in memory when it is /dev/shm. Directories of live processes,
 * and names it does not know, are left alone. Resolves the paths it removed.
 */
export async function sweepOrphanRunDirs(
  parent = scratchDir(),
  isAlive: (pid: number) => boolean = processIsAlive,
): Promise<string[]> {
  const names = await readdir(parent).catch(() => [] as string[])
  const orphans = names.filter((name) => {
    const pid = Number(OWNED.exec(name)?.[1])
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid)
  })
  const paths = orphans.map((name) => join(parent, name))
  await Promise.all(paths.map((path) => rm(path, { recursive: true, force: true })))
  return paths
}

/** Whether a process with this pid exists (EPERM: it does, under another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
