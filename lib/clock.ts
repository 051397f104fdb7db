/**
 * The one source of time. Every area takes a `Clock` instead of reading `Date.now()`,
 * `performance.now()` or real timers, so a test can drive time by hand and a replay is not
 * at the mercy of the machine's speed.
 */
export interface Clock {
  /** Wall-clock time, ms since the epoch (`Date.now()`'s meaning): for timestamps written out. */
  now(): number
  /** Monotonic ms from an arbitrary origin (`performance.now()`'s meaning): for durations and deadlines. */
  monotonic(): number
  /** Calls `fn` after `ms`; returns a function that cancels it. Unref'd: a pending timer never holds a process open. */
  setTimeout(fn: () => void, ms: number): () => void
}

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms)
    timer.unref?.()
    return () => clearTimeout(timer)
  },
}

/** A clock that moves only when told to: `advance(ms)` runs the timers that fall due, in order. */
export interface ManualClock extends Clock {
  advance(ms: number): void
}

/**
 * @example
 * const clock = manualClock(Date.UTC(2026, 0, 1))
 * clock.setTimeout(() => console.log('fired'), 100)
 * clock.advance(100) // fired
 */
export function manualClock(startMs = 0): ManualClock {
  let wall = startMs
  let mono = 0
  let nextId = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  return {
    now: () => wall,
    monotonic: () => mono,
    setTimeout(fn, ms) {
      const id = nextId++
      timers.set(id, { at: mono + Math.max(0, ms), fn })
      return () => void timers.delete(id)
    },
    advance(ms) {
      const end = mono + ms
      for (;;) {
        let due: [number, { at: number; fn: () => void }] | undefined
        for (const entry of timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry
        if (!due) break
        timers.delete(due[0])
        wall += due[1].at - mono
        mono = due[1].at
        due[1].fn()
      }
      wall += end - mono
      mono = end
    },
  }
}

/** Elapsed time on a clock from an origin that can be moved (a run's clock starts after warm-up). */
export interface Stopwatch {
  /** ms since the origin. */
  elapsed(): number
  /** Moves the origin to now. */
  restart(): void
}

export function stopwatch(clock: Clock): Stopwatch {
  let origin = clock.monotonic()
  return {
    elapsed: () => clock.monotonic() - origin,
    restart: () => void (origin = clock.monotonic()),
  }
}
