import type { Clock } from '../../lib/clock.js'
import type { EmbeddedStream, StreamDelivery } from './embedded-stream.js'

/**
 * A fetch that waits: up to `max` deliveries for `consumer`, answered as soon as there are any,
 * else when `expiresMs` runs out (with `[]`), or at once when `signal` aborts (the client went
 * away, or the server is closing). It wakes on a publish or a nak, and at the next ack-wait expiry,
 * so a redelivery needs no publish to be noticed. Timers come from `clock`.
 *
 * @note Deliveries are taken only at the moment the answer is sent, so a client that went away
 * takes nothing: nothing waits out an ack wait for a poll nobody reads.
 */
export function waitForDeliveries(
  stream: EmbeddedStream,
  consumer: string,
  max: number,
  expiresMs: number,
  clock: Clock,
  signal: AbortSignal,
): Promise<StreamDelivery[]> {
  const first = stream.take(consumer, max)
  if (first.length > 0 || expiresMs <= 0 || signal.aborted) return Promise.resolve(first)
  const deadline = clock.monotonic() + expiresMs
  return new Promise((resolve) => {
    let cancelTimer = () => {}
    const finish = (deliveries: StreamDelivery[]) => {
      cancelTimer()
      stopListening()
      signal.removeEventListener('abort', onAbort)
      resolve(deliveries)
    }
    const attempt = () => {
      const got = stream.take(consumer, max)
      if (got.length > 0 || clock.monotonic() >= deadline) finish(got)
      else arm()
    }
    const arm = () => {
      cancelTimer()
      const wakeAt = Math.min(deadline, stream.nextDueAt(consumer) ?? Infinity)
      cancelTimer = clock.setTimeout(attempt, Math.max(1, wakeAt - clock.monotonic()))
    }
    const onAbort = () => finish([])
    const stopListening = stream.onChange(attempt)
    signal.addEventListener('abort', onAbort, { once: true })
    arm()
  })
}
