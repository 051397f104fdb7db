import { processIsAlive } from '../stack/run-dirs.js'
import { launcherChain } from './launcher.js'

/** Why a command was asked to stop. */
export type StopReason =
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'caller-gone'; detail: string }
  | { kind: 'output-closed' }

export interface CallerLifetime {
  /** Aborted at the first reason to stop; `signal.reason` is the {@link StopReason}. */
  signal: AbortSignal
  /** Removes the listeners and the watch. */
  dispose(): void
}

export interface CallerLifetimeOptions {
  /** The first reason to stop, for a message. */
  onStop: (reason: StopReason) => void
  /** A second SIGINT/SIGTERM while stopping: quit at once. */
  onQuitNow: () => void
  /** How often the caller is looked at, ms. @default 250 */
  intervalMs?: number
  /** Watch the output too: a closed stdout (`| head`, a log collector gone) stops the command. @default true */
  watchOutput?: boolean
  /** Watch the caller. Off only for a process meant to outlive it (`gameday up --detach`). @default true */
  watchCaller?: boolean
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * A command's life follows its caller's. gameday stops like on Ctrl-C (faults healed, processes
 * stopped, report written and marked interrupted) when:
 * - it gets SIGINT, SIGTERM or SIGHUP;
 * - its caller goes away. npm does not pass signals on to the bin it runs: a SIGTERM or SIGKILL to
 *   `npx` (what a CI runner sends on cancel or timeout) ends npm alone, and gameday, re-parented,
 *   would go on serving. So the parent and every npm/`sh -c` launcher above it are watched, and
 *   their going — or this process being re-parented — counts as a stop;
 * - its stdout closes.
 *
 * `gameday up --detach` is the one command that outlives its caller on purpose and does not use this.
 */
export function followCaller(options: CallerLifetimeOptions): CallerLifetime {
  const controller = new AbortController()
  const stop = (reason: StopReason) => {
    if (controller.signal.aborted) return
    options.onStop(reason)
    controller.abort(reason)
  }
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) options.onQuitNow()
    else stop({ kind: 'signal', signal })
  }
  for (const s of STOP_SIGNALS) process.on(s, onSignal)
  const onOutputError = () => stop({ kind: 'output-closed' })
  // The listener stays for the life of the process: the last writes fail after the command returns.
  if (options.watchOutput !== false) process.stdout.on('error', onOutputError)

  const parent = process.ppid
  const launchers = options.watchCaller === false ? [] : launcherChain()
  const timer = setInterval(() => {
    if (options.watchCaller === false) return
    if (process.ppid !== parent) return stop({ kind: 'caller-gone', detail: `parent ${parent} exited` })
    const gone = launchers.find((l) => !processIsAlive(l.pid))
    if (gone)
      stop({ kind: 'caller-gone', detail: `launcher ${gone.argv[0] ?? gone.pid} (${gone.pid}) exited` })
  }, options.intervalMs ?? 250)
  timer.unref()

  return {
    signal: controller.signal,
    dispose() {
      clearInterval(timer)
      for (const s of STOP_SIGNALS) process.off(s, onSignal)
    },
  }
}

/** A stop reason in words, for the line printed when it happens. */
export function describeStop(reason: StopReason): string {
  switch (reason.kind) {
    case 'signal':
      return reason.signal
    case 'caller-gone':
      return `caller gone (${reason.detail})`
    case 'output-closed':
      return 'output closed'
  }
}
