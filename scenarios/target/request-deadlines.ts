import { systemClock, type Clock } from '../../lib/clock.js'

/** One request's deadline: its `signal` aborts when the deadline passes; `end()` when it settles. */
export interface Deadline {
  /** Made on first read: a request ended through `onExpire` pays for no AbortController. */
  readonly signal: AbortSignal
  end(): void
}

/** Deadlines for every request of a player, all of the same length, on one timer. */
export interface RequestDeadlines {
  /** `onExpire` is called (once, before `signal` aborts) if the deadline passes before `end()`. */
  start(onExpire?: (error: Error) => void): Deadline
  close(): void
}

interface Entry {
  atMs: number
  done: boolean
  onExpire: ((error: Error) => void) | undefined
  controller: AbortController | undefined
  expired: Error | undefined
}

/** What an expired request rejects with (`name` as `AbortSignal.timeout`'s, so readers agree). */
function timeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`The request took longer than ${timeoutMs} ms`), { name: 'TimeoutError' })
}

/**
 * The pool's `headersTimeout`/`bodyTimeout` bound a request only once it is on a socket; a request
 * still queued for a free connection (a stalled target, every connection busy) would wait on
 * unbounded. This ends it `timeoutMs` after it was sent, as `AbortSignal.timeout` did, without a
 * timer per request: every deadline is `timeoutMs` after its start, so they expire in the order
 * they began and one timer on the oldest is enough.
 *
 * @example const d = deadlines.start(); try { await pool.request({ …, signal: d.signal }) } finally { d.end() }
 */
export function createRequestDeadlines(timeoutMs: number, clock: Clock = systemClock): RequestDeadlines {
  const queue: Entry[] = []
  let head = 0
  let cancel: (() => void) | undefined
  let closed = false

  const sweep = (): void => {
    cancel = undefined
    const nowMs = clock.monotonic()
    for (; head < queue.length; head++) {
      const entry = queue[head]!
      if (!entry.done && entry.atMs > nowMs) break
      if (!entry.done) expire(entry)
    }
    // Entries stay in the queue until a sweep passes them: drop the spent prefix now and then.
    if (head > 1_024 && head * 2 > queue.length) {
      queue.splice(0, head)
      head = 0
    }
    arm()
  }
  const expire = (entry: Entry): void => {
    entry.done = true
    entry.expired = timeoutError(timeoutMs)
    entry.onExpire?.(entry.expired)
    entry.controller?.abort(entry.expired)
  }
  const arm = (): void => {
    if (cancel || closed || head >= queue.length) return
    cancel = clock.setTimeout(sweep, Math.max(0, queue[head]!.atMs - clock.monotonic()))
  }

  return {
    start(onExpire) {
      const entry: Entry = {
        atMs: clock.monotonic() + timeoutMs,
        done: false,
        onExpire,
        controller: undefined,
        expired: undefined,
      }
      queue.push(entry)
      arm()
      return {
        get signal() {
          if (!entry.controller) {
            entry.controller = new AbortController()
            if (entry.expired) entry.controller.abort(entry.expired)
          }
          return entry.controller.signal
        },
        end: () => void (entry.done = true),
      }
    },
    close() {
      closed = true
      cancel?.()
      cancel = undefined
    },
  }
}
