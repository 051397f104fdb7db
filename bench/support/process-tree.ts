// A game day's processes as /proc sees them: the runner and its descendants, each named for the
// part of the stack it plays, with its CPU so far and its resident memory. Linux only. A bench
// samples this while a `gameday run` it started plays, and charges each part its own CPU.
import { readdirSync, readFileSync } from 'node:fs'
import { processCpuMs } from './process-cpu.js'

/** The parts of a game day, by process. The runner holds the load driver and the reports. */
export type StackRole = 'driver' | 'platform' | 'vendors' | 'db' | 'other'

export interface ProcessSample {
  pid: number
  role: StackRole
  cpuMs: number
  rssBytes: number
  /** Proportional set size: shared pages split among the processes sharing them, so sums are fair. */
  pssBytes: number
}

/** Which part a process plays, from its command line (bundled or from source). */
export function roleOf(cmdline: string, isRoot: boolean): StackRole {
  if (isRoot) return 'driver'
  if (/platform[/\\](server\.bundle\.js|server\.ts|server\.js)/.test(cmdline)) return 'platform'
  if (/vendors-process/.test(cmdline)) return 'vendors'
  if (/db-process/.test(cmdline)) return 'db'
  return 'other'
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return undefined
  }
}

function kBOf(file: string, field: RegExp): number {
  try {
    const match = field.exec(readFileSync(file, 'utf8'))
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/** `root` and every process below it now (a walk of /proc: sample these, rediscover now and then). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    const parent = parentOf(pid)
    if (parent === undefined) continue
    const list = children.get(parent) ?? []
    list.push(pid)
    children.set(parent, list)
  }
  const found: number[] = []
  const visit = (pid: number): void => {
    found.push(pid)
    for (const child of children.get(pid) ?? []) visit(child)
  }
  visit(root)
  return found
}

/** Samples `pids` (from {@link descendants}); `root` is the runner. Processes gone meanwhile are skipped. */
export function sampleProcesses(pids: readonly number[], root: number): ProcessSample[] {
  const samples: ProcessSample[] = []
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
      samples.push({
        pid,
        role: roleOf(cmdline, pid === root),
        cpuMs: processCpuMs(pid),
        rssBytes: kBOf(`/proc/${pid}/status`, /VmRSS:\s+(\d+) kB/),
        pssBytes: kBOf(`/proc/${pid}/smaps_rollup`, /^Pss:\s+(\d+) kB/m),
      })
    } catch {
      // gone meanwhile
    }
  }
  return samples
}

/** `root` and every process below it, sampled now. */
export function sampleTree(root: number): ProcessSample[] {
  return sampleProcesses(descendants(root), root)
}

/**
 * CPU ms of every process whose command name is `comm` (`postgres`: the server and its backends),
 * for a server the stack did not start and so cannot find below the runner.
 */
export function cpuOfCommand(comm: string): number {
  let total = 0
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== comm) continue
      total += processCpuMs(pid)
    } catch {
      // gone meanwhile
    }
  }
  return total
}

/** CPU ms per role across samples taken at one instant. */
export function cpuByRole(samples: readonly ProcessSample[]): Record<StackRole, number> {
  const byRole: Record<StackRole, number> = { driver: 0, platform: 0, vendors: 0, db: 0, other: 0 }
  for (const s of samples) byRole[s.role] += s.cpuMs
  return byRole
}
