import { readFileSync } from 'node:fs'
import { basename } from 'node:path'

/** The two fields of `/proc/<pid>/stat` this needs. */
export interface ProcStat {
  ppid: number
  /** When the process started, in clock ticks since boot. */
  startTicks: number
}

/** One process that exists only to launch gameday: npm, npx, or the `sh -c` npm runs a bin through. */
export interface Launcher {
  pid: number
  /** Its parent when the chain was read: a launcher re-parented (its parent died) has gone too. */
  ppid: number
  startTicks: number
  argv: string[]
  kind: 'npm' | 'shell'
}

/** Parses `/proc/<pid>/stat`; the command name (field 2) may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | undefined {
  // Fields after the last ')' start at field 3 (state): ppid is field 4, starttime field 22.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const ppid = Number(rest[1])
  const startTicks = Number(rest[19])
  return Number.isInteger(ppid) && Number.isInteger(startTicks) ? { ppid, startTicks } : undefined
}

/**
 * Whether a process's argv is npm's: its program is `npm`/`npx` (npm renames itself `npm exec …`,
 * one argv entry with spaces), or node running npm's own cli script. Only the program counts, never
 * an argument: `bash -c "npx gameday run"` or `timeout 60 npx …` are wrappers, not npm.
 */
export function isNpmLauncher(argv: readonly string[]): boolean {
  const program = basename((argv[0] ?? '').split(' ')[0] ?? '')
  if (program === 'npm' || program === 'npx') return true
  // An interpreter running npm's script: `node /usr/bin/npx …` (its shebang), `node …/npm-cli.js`.
  return /^(node(js)?|(ba|da)?sh)$/.test(program) && /^np[mx](-cli\.js)?$/.test(basename(argv[1] ?? ''))
}

/** A shell running one command for its caller (`sh -c …`), as npm runs a package's bin. */
export function isShellDashC(argv: readonly string[]): boolean {
  return /^(ba|da)?sh$/.test(basename(argv[0] ?? '')) && argv[1] === '-c'
}

/** A process's stat and argv from /proc; undefined when it is gone, or there is no /proc. */
export function readProcess(pid: number): { stat: ProcStat; argv: string[] } | undefined {
  try {
    const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    if (!stat) return undefined
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((a) => a !== '')
    return { stat, argv }
  } catch {
    return undefined
  }
}

/**
 * The ancestors that exist only to launch this process, nearest first: `sh -c` and npm/npx, up to
 * the first process that is neither (the user's shell, a CI runner). Linux only (reads /proc);
 * empty elsewhere, or when the parent is not a launcher.
 */
export function launcherChain(pid = process.pid): Launcher[] {
  const chain: Launcher[] = []
  try {
    let parent = readProcess(pid)?.stat.ppid ?? 0
    for (let depth = 0; depth < 4 && parent > 1; depth++) {
      const found = readProcess(parent)
      if (!found) break
      const kind = isNpmLauncher(found.argv) ? 'npm' : isShellDashC(found.argv) ? 'shell' : undefined
      if (!kind) break
      chain.push({
        pid: parent,
        ppid: found.stat.ppid,
        startTicks: found.stat.startTicks,
        argv: found.argv,
        kind,
      })
      parent = found.stat.ppid
    }
  } catch {
    // Not Linux, or an ancestor exited meanwhile: the chain found so far.
  }
  // A shell with no npm above it is the user's own `sh -c`, not a launcher of ours.
  const lastNpm = chain.findLastIndex((l) => l.kind === 'npm')
  return chain.slice(0, lastNpm + 1)
}

/** Linux's USER_HZ: /proc times are in hundredths of a second on every architecture it runs on. */
const TICKS_PER_SECOND = 100

/**
 * How much earlier than this process the npm/npx command the user typed started, ms: `npx
 * gameday …` and `npm run …` start npm first (~0.7 s here), and a user times the command, not the
 * node process. Undefined when gameday was not launched by npm.
 */
export function launcherHeadStartMs(pid = process.pid): number | undefined {
  try {
    const self = readProcess(pid)
    const outermost = launcherChain(pid).at(-1)
    if (!self || !outermost) return undefined
    return ((self.stat.startTicks - outermost.startTicks) * 1000) / TICKS_PER_SECOND
  } catch {
    return undefined
  }
}
