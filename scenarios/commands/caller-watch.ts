import { readFileSync } from 'node:fs'
import { isatty } from 'node:tty'
import { launcherChain, readProcess } from './launcher.js'

/** Which link to the caller broke. */
export type CallerGoneReason = 'parent-exited' | 'launcher-exited' | 'launcher-signalled'

/**
 * Times a process went to sleep (`voluntary_ctxt_switches`): a shell blocked in wait4() wakes
 * only when signalled or when its child exits. Undefined where /proc does not say.
 */
function wakeups(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const count = Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1])
    return Number.isFinite(count) ? count : undefined
  } catch {
    return undefined
  }
}

/** The children of a process (Linux), to tell a shell that waits for us alone. */
function children(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)
  } catch {
    return []
  }
}

/**
 * Calls `onGone` when whoever started this process went away without signalling it. npm runs a
 * bin through `sh -c`, and passes SIGINT and SIGTERM on to that shell alone: a SIGTERM to `npx`
 * kills the shell (gameday is re-parented and would go on serving), a SIGKILL kills npm alone,
 * and a SIGINT is caught by dash, which waits for its child to end. So this watches the links
 * from this process up past npm's launchers (npm, its `sh -c`; launcher.ts finds them): this
 * process's parent changing, a launcher's parent changing (a SIGKILLed npm may linger as a
 * zombie, which `kill(pid, 0)` still finds), and — with no terminal attached — npm's shell
 * waking up while it waits for this process alone, which it does only when npm forwards it a
 * signal (in a terminal, Ctrl-C reaches this process itself, and a resize would wake the shell
 * too). Elsewhere than Linux only the parent link is watched. The timer is unref'd: it never
 * keeps the process alive.
 *
 * @returns a function that stops the watch.
 */
export function watchCaller(options: {
  onGone: (reason: CallerGoneReason) => void
  intervalMs?: number
}): () => void {
  const ppid = process.ppid
  const launchers = launcherChain()
  const first = launchers[0]
  const shell =
    first?.kind === 'shell' && first.pid === ppid && !isatty(0) && children(first.pid).length === 1
      ? { pid: first.pid, wakeups: wakeups(first.pid) }
      : undefined

  const check = (): CallerGoneReason | undefined => {
    if (process.ppid !== ppid) return 'parent-exited'
    for (const launcher of launchers) {
      const now = readProcess(launcher.pid)
      if (now?.stat.ppid !== launcher.ppid || now.stat.startTicks !== launcher.startTicks)
        return 'launcher-exited'
    }
    if (
      shell?.wakeups !== undefined &&
      children(shell.pid).length === 1 &&
      wakeups(shell.pid) !== shell.wakeups
    )
      return 'launcher-signalled'
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
