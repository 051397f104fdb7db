import { systemClock } from '../../lib/clock.js'
import { watchCaller, type CallerGoneReason } from './caller-watch.js'

/** Why a command was asked to stop. */
export type StopReason =
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'caller-gone'; detail: CallerGoneReason }
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
  /** Watch the output too: a closed stdout (`| head`, a log collector gone) stops the command. @default true */
  watchOutput?: boolean
  /** Watch the caller. Off only for a process meant to outlive it (`gameday up --detach`). @default true */
  watchCaller?: boolean
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/** Signals this close to the first are one request to stop, delivered twice. */
const SAME_REQUEST_MS = 1_000

/**
 * A command's life follows its caller's. gameday stops like on Ctrl-C (faults healed, processes
 * stopped, report written and marked interrupted) when:
 * - it gets SIGINT, SIGTERM or SIGHUP;
 * - its caller goes away. npm does not pass signals on to the bin it runs: a signal to `npx` (what a
 *   CI runner sends on cancel or timeout) ends npm or its `sh -c` alone, and gameday, re-parented,
 *   would go on serving (caller-watch.ts);
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
  // Only a second signal quits at once, and only a second request: a caller gone and a signal
  // often come together, and one Ctrl-C can arrive twice — from the terminal to the whole group,
  // and again from npm, which passes it on to its child (where /bin/sh is bash, that child is
  // gameday itself). Signals within a second of the first are that same request.
  let firstSignalAt: number | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    const now = systemClock.monotonic()
    if (firstSignalAt === undefined) {
      firstSignalAt = now
      stop({ kind: 'signal', signal })
    } else if (now - firstSignalAt > SAME_REQUEST_MS) options.onQuitNow()
  }
  for (const s of STOP_SIGNALS) process.on(s, onSignal)
  const onOutputError = () => stop({ kind: 'output-closed' })
  // The listener stays for the life of the process: the last writes fail after the command returns.
  if (options.watchOutput !== false) process.stdout.on('error', onOutputError)

  // A caller gone is a first stop, never a second Ctrl-C: a real SIGINT may arrive beside it.
  const unwatch =
    options.watchCaller === false
      ? () => {}
      : watchCaller({ onGone: (detail) => stop({ kind: 'caller-gone', detail }) })

  return {
    signal: controller.signal,
    dispose() {
      unwatch()
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
      return `caller gone (${reason.detail.replace('-', ' ')})`
    case 'output-closed':
      return 'output closed'
  }
}
