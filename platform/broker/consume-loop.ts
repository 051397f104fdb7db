import type { Clock } from '../../lib/clock.js'
import type { Broker, Delivery } from './broker.js'
import { BrokerError, brokerError } from './broker-errors.js'

/** How a consume loop pulls and backs off. */
export interface ConsumeLoopOptions {
  /** Stops the loop (after the batch in hand). */
  readonly signal: AbortSignal
  /** Times the pauses. */
  readonly clock: Clock
  /** Deliveries per fetch. @default 50 */
  readonly batch?: number
  /** Longest wait of one fetch, ms. @default 1_000 */
  readonly expiresMs?: number
  /** Redelivery delay after the handler failed, by delivery count, ms. @default min(250 · 2^(n-1), 10_000) */
  readonly retryDelayMs?: (deliveryCount: number) => number
  /** Pause after a failed fetch (the broker unreachable), ms. @default 500 */
  readonly fetchErrorPauseMs?: number
  /** Told of every failure (a fetch, a handler, an ack), for logs and metrics; never throws into the loop. */
  readonly onError?: (error: BrokerError, delivery?: Delivery) => void
}

/**
 * The consumer side of the seam, written once for every adapter: fetch a batch, hand each delivery
 * to `handle` in order, nak it with a growing delay when it throws, and ack the ones it handled
 * together once the batch is through. Runs
 * until `signal` aborts; a broker that is down is waited out, never thrown. `handle` must be
 * idempotent on `delivery.id`: a crash or a lost ack brings the same message again.
 *
 * @example
 * const stop = new AbortController()
 * const done = consumeLoop(broker, async (d) => recordEvent(db, JSON.parse(d.text())), { signal: stop.signal, clock })
 * // on shutdown: stop.abort(); await done
 */
export async function consumeLoop(
  broker: Broker,
  handle: (delivery: Delivery) => Promise<void>,
  options: ConsumeLoopOptions,
): Promise<void> {
  const { signal, clock } = options
  const retryDelayMs = options.retryDelayMs ?? ((n: number) => Math.min(250 * 2 ** (n - 1), 10_000))
  const report = (error: unknown, delivery?: Delivery) => {
    try {
      options.onError?.(asBrokerError(error), delivery)
    } catch {
      // A faulty reporter must not stop the consumer.
    }
  }
  while (!signal.aborted) {
    let deliveries: Delivery[]
    try {
      deliveries = await broker.fetch(options.batch ?? 50, { expiresMs: options.expiresMs ?? 1_000 })
    } catch (error) {
      if (signal.aborted) return
      report(error)
      await pause(clock, options.fetchErrorPauseMs ?? 500, signal)
      continue
    }
    const handled: Delivery[] = []
    for (const delivery of deliveries) {
      try {
        await handle(delivery)
      } catch (error) {
        report(error, delivery)
        // If the nak is lost too, the ack wait redelivers it.
        await delivery.nak(retryDelayMs(delivery.deliveryCount)).catch((e: unknown) => report(e, delivery))
        continue
      }
      handled.push(delivery)
    }
    // The batch's acks together: the embedded broker sends acks asked for in one tick as one
    // request (JetStream pipelines them). A lost ack only means one more (deduped) delivery.
    await Promise.all(handled.map((delivery) => delivery.ack().catch((e: unknown) => report(e, delivery))))
  }
}

function asBrokerError(error: unknown): BrokerError {
  if (error instanceof BrokerError) return error
  return brokerError(
    'BROKER_INTERNAL',
    `Failed to handle a delivery: ${error instanceof Error ? error.message : String(error)}`,
    error,
  )
}

function pause(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      cancel()
      signal.removeEventListener('abort', done)
      resolve()
    }
    const cancel = clock.setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
