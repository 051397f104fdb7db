import { readFileSync } from 'node:fs'

/** The two fields of `/proc/<pid>/stat` this needs. */
export interface ProcStat {
  ppid: number
  /** When the process started, in clock ticks since boot. */
  startTicks: number
}

/** Parses `/proc/<pid>/stat`; the command name (field 2) may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | undefined {
  // Fields after the last ')' start at field 3 (state): ppid is field 4, starttime field 22.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const ppid = Number(rest[1])
  const startTicks = Number(rest[19])
  return Number.isInteger(ppid) && Number.isInteger(startTicks) ? { ppid, startTicks } : undefined
}

/** Whether a command line is npm or npx (`npm exec` is the title npx gives itself). */
export function isNpmLauncher(cmdline: string): boolean {
  return /(^|[\s/])np[mx](-cli\.js)?(\s|$)/.test(cmdline)
}

/** Linux's USER_HZ: /proc times are in hundredths of a second on every architecture it runs on. */
const TICKS_PER_SECOND = 100

/**
 * How much earlier than this process the command the user typed started, ms: `npx gameday …`
 * and `npm run …` start npm first (~0.7 s here), and a user times the command, not the node
 * process. Looks at most three ancestors up (npm → sh -c → node). Linux only (reads /proc);
 * undefined elsewhere, or when no npm ancestor is found.
 */
export function launcherHeadStartMs(pid = process.pid): number | undefined {
  try {
    const self = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    if (!self) return undefined
    let parent = self.ppid
    for (let depth = 0; depth < 3 && parent > 1; depth++) {
      const stat = parseProcStat(readFileSync(`/proc/${parent}/stat`, 'utf8'))
      if (!stat) return undefined
      const cmdline = readFileSync(`/proc/${parent}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
      if (isNpmLauncher(cmdline)) return ((self.startTicks - stat.startTicks) * 1000) / TICKS_PER_SECOND
      parent = stat.ppid
    }
  } catch {
    // Not Linux, or an ancestor exited meanwhile: nothing to add.
  }
  return undefined
}
