/** The source of time, injected so tests and replays control it. */
export interface Clock {
  /** Now, as a Date. */
  now(): Date
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() }
