import { readFileSync } from 'node:fs'
import { isatty } from 'node:tty'
import { isNpmLauncher, isShellDashC, parseProcStat } from './launcher.js'

/** Which link to the caller broke. */
export type CallerGoneReason = 'parent-exited' | 'launcher-exited' | 'launcher-signalled'

interface Proc {
  pid: number
  ppid: number
  argv: string[]
  /** Times the process went to sleep: one blocked in wait4() wakes only when signalled or its child exits. */
  wakeups: number
}

/** Linux only: undefined elsewhere, or when the process is gone. */
function readProc(pid: number): Proc | undefined {
  try {
    const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    if (!stat) return undefined
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const wakeups = Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? NaN)
    return { pid, ppid: stat.ppid, argv, wakeups }
  } catch {
    return undefined
  }
}

/**
 * Calls `onGone` when whoever started this process went away without signalling it. npm runs a
 * bin through `sh -c`, and passes SIGINT and SIGTERM on to that shell alone: a SIGTERM to `npx`
 * kills the shell (gameday is re-parented and would go on serving), a SIGKILL kills npm alone,
 * and a SIGINT is caught by dash, which waits for its child to end. So this watches the links
 * from this process up past npm's launchers (npm, its `sh -c`): this process's parent changing,
 * a launcher's parent changing (a SIGKILLed npm may linger as a zombie, which `kill(pid, 0)` still
 * finds), and — with no terminal attached — npm's shell waking up, which it does only when npm
 * forwards it a signal (in a terminal, Ctrl-C reaches this process itself, and a resize would
 * wake the shell too). Elsewhere than Linux only the parent link is watched. The timer is
 * unref'd: it never keeps the process alive.
 *
 * @returns a function that stops the watch.
 */
export function watchCaller(options: {
  onGone: (reason: CallerGoneReason) => void
  intervalMs?: number
}): () => void {
  const ppid = process.ppid
  // npm's `sh -c` and npm itself, each with the parent it had.
  const launchers: Proc[] = []
  for (let p = readProc(ppid); p && launchers.length < 3; p = readProc(p.ppid)) {
    const parent = readProc(p.ppid)
    if (!isNpmLauncher(p.argv) && !(isShellDashC(p.argv) && parent && isNpmLauncher(parent.argv))) break
    launchers.push(p)
  }
  const first = launchers[0]
  const shell = first && first.pid === ppid && !isNpmLauncher(first.argv) && !isatty(0) ? first : undefined

  const check = (): CallerGoneReason | undefined => {
    if (process.ppid !== ppid) return 'parent-exited'
    for (const launcher of launchers) {
      const now = readProc(launcher.pid)
      if (now?.ppid !== launcher.ppid) return 'launcher-exited'
      if (launcher === shell && now.wakeups !== shell.wakeups) return 'launcher-signalled'
    }
    return undefined
  }
  const timer = setInterval(() => {
    const reason = check()
    if (reason === undefined) return
    clearInterval(timer)
    options.onGone(reason)
  }, options.intervalMs ?? 250)
  timer.unref()
  return () => clearInterval(timer)
}
