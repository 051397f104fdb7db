/** OrderPaid events this process has written to the outbox (the count only moves up). */
let written = 0

/** Called by each outbox write, inside its transaction: the relay looks at the table soon after. */
export function noteOutboxWrite(): void {
  written++
}

/**
 * How long an idle relay goes without reading the outbox: the rows this process writes wake it
 * sooner, so this only bounds the wait for rows it was not told of (written by another process
 * on a shared database, or told of before their transaction committed).
 */
export const RELAY_FALLBACK_MS = 1_000

/** Whether a relay pass should read the outbox; see {@link createRelayGate}. */
export interface RelayGate {
  /**
   * Runs `look` when the outbox may hold something: this process wrote to it since the last look
   * began, the last look left a backlog or failed, or {@link RELAY_FALLBACK_MS} passed.
   * Otherwise answers `idle` without a query.
   */
  run<T>(nowMs: number, look: () => Promise<{ result: T; drained: boolean }>, idle: T): Promise<T>
}

/**
 * The relay's idle back-off: a relay ticking every 200 ms reads an empty outbox five times a
 * second when nothing is being paid; with the gate it reads it once a second, and at once after
 * a write.
 */
export function createRelayGate(): RelayGate {
  let seen = -1
  let lastLookMs = Number.NEGATIVE_INFINITY
  let backlog = true
  return {
    async run(nowMs, look, idle) {
      if (!backlog && written === seen && nowMs - lastLookMs < RELAY_FALLBACK_MS) return idle
      // Before the query: a write during it is seen by the next pass.
      seen = written
      lastLookMs = nowMs
      backlog = true
      const { result, drained } = await look()
      backlog = !drained
      return result
    },
  }
}
