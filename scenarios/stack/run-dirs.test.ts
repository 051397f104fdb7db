import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeRunDir, processIsAlive, sweepOrphanRunDirs } from './run-dirs.js'

const parents: string[] = []
afterEach(() => {
  for (const parent of parents.splice(0)) rmSync(parent, { recursive: true, force: true })
})

function aParent(): string {
  const parent = mkdtempSync(join(tmpdir(), 'gameday-run-dirs-'))
  parents.push(parent)
  return parent
}

/** The pid of a process that has exited (and so is no one's now, give or take pid reuse). */
function aDeadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  }).stdout
  return Number(pid)
}

describe('run directories', () => {
  it('names a run directory after this process', async () => {
    const dir = await makeRunDir(aParent())
    expect(basename(dir)).toMatch(new RegExp(`^gameday-db-${process.pid}-`))
  })

  it("sweeps the directories of dead runs and platforms, not live ones' nor unknown names", async () => {
    const parent = aParent()
    const dead = aDeadPid()
    expect(processIsAlive(dead)).toBe(false)
    const orphans = [`gameday-db-${dead}-abc123`, `gameday-pglite-${dead}-xyz789`].map((name) =>
      join(parent, name),
    )
    const kept = [
      `gameday-db-${process.pid}-mine00`,
      `gameday-db-${process.ppid}-parent`,
      'gameday-db-Xy12ab',
      'something-else-1-2',
    ].map((name) => join(parent, name))
    for (const dir of [...orphans, ...kept]) mkdirSync(join(dir, 'base'), { recursive: true })

    expect((await sweepOrphanRunDirs(parent)).sort()).toEqual(orphans.sort())
    expect(orphans.some(existsSync)).toBe(false)
    expect(kept.every(existsSync)).toBe(true)
  })

  it('finds nothing to do in a folder that is not there', async () => {
    expect(await sweepOrphanRunDirs(join(aParent(), 'missing'))).toEqual([])
  })
})
