import type { Clock } from '../../lib/clock.js'
import type { Broker } from '../broker/broker.js'
import { BrokerError } from '../broker/broker-errors.js'
import { consumeLoop } from '../broker/consume-loop.js'
import { openBroker, type BrokerConfig } from '../broker/open-broker.js'
import type { Db } from '../db/db.js'
import { deliverEvent } from './order-events.js'
import { createRelayGate } from './relay-gate.js'
import { relayOutboxToBroker } from './relay-to-broker.js'

/** The platform's broker: which adapter, and the subject its OrderPaid events go to. */
export interface QueueConfig {
  adapter: BrokerConfig
  /** @default 'orders.paid' */
  subject?: string
}

/** Collaborators of {@link startOrderEventsQueue}. */
export interface OrderEventsQueueDeps {
  db: Db
  clock: Clock
  config: QueueConfig
  /** Told when the relay starts or stops failing (not on every pass), and of consumer errors. */
  onProblem: (message: string, error?: unknown) => void
}

/** The queue between the outbox and the OrderPaid subscriber. */
export interface OrderEventsQueue {
  /** One relay pass: the outbox's unpublished events to the broker. A no-op until the broker is open. */
  relay(): Promise<void>
  /** Messages the consumer has not acked yet; `null` while the broker cannot be asked. */
  brokerPending(): Promise<number | null>
  close(): Promise<void>
}

/** Between attempts to open the broker while it cannot be reached (its link down at start, say). */
const REOPEN_AFTER_MS = 500
/** Most events one relay pass publishes. */
const RELAY_LIMIT = 100

/**
 * The outbox relay and its subscriber, with a broker between them: the relay publishes OrderPaid
 * events to the broker; a consumer fetches them, records each in `published_events` (idempotent on
 * the event id) and acks it. At least once end to end, and a backlog can build — while the broker
 * link is slow or cut the outbox fills — and drain after.
 *
 * The relay and the consumer each get their own handle, opened in the background and retried
 * until the broker answers, so a broker that is away when the platform starts delays the events,
 * not the platform.
 *
 * @example const queue = startOrderEventsQueue({ db, clock, config: { adapter: { kind: 'embedded', url } }, onProblem })
 */
export function startOrderEventsQueue(deps: OrderEventsQueueDeps): OrderEventsQueue {
  const { db, clock, config } = deps
  const subject = config.subject ?? 'orders.paid'
  const stop = new AbortController()
  let relayBroker: Broker | undefined
  let consumerBroker: Broker | undefined
  let lastRelayError: string | undefined
  const gate = createRelayGate()

  const open = async (): Promise<Broker | undefined> => {
    while (!stop.signal.aborted) {
      try {
        return await openBroker(config.adapter)
      } catch (error) {
        deps.onProblem('opening the broker failed; retrying', error)
        await new Promise<void>((resolve) => {
          const cancel = clock.setTimeout(resolve, REOPEN_AFTER_MS)
          stop.signal.addEventListener('abort', () => (cancel(), resolve()), { once: true })
        })
      }
    }
    return undefined
  }
  const relayOpening = open().then((b) => (relayBroker = b))
  const consuming = open().then(async (b) => {
    consumerBroker = b
    if (!b) return
    await consumeLoop(
      b,
      async (delivery) => {
        const event = JSON.parse(delivery.text()) as { eventId: string; orderId: string }
        await deliverEvent(db, event, new Date(clock.now()))
      },
      { signal: stop.signal, clock, onError: (error) => deps.onProblem('consuming OrderPaid failed', error) },
    )
  })

  return {
    async relay() {
      if (!relayBroker) return
      const broker = relayBroker
      const nowMs = clock.now()
      const pass = await gate.run(
        nowMs,
        async () => {
          const result = await relayOutboxToBroker(db, broker, subject, new Date(nowMs), RELAY_LIMIT)
          return { result, drained: !result.error && result.published < RELAY_LIMIT }
        },
        // Idle: nothing read, nothing failed; the last pass's error (if any) forced this look.
        { published: 0 },
      )
      const code = pass.error?.code
      if (code !== lastRelayError) {
        deps.onProblem(
          code
            ? `relaying to the broker failed (${code}); the outbox keeps the events`
            : 'relaying to the broker again',
        )
        lastRelayError = code
      }
    },
    async brokerPending() {
      if (!relayBroker) return null
      try {
        return await relayBroker.pending()
      } catch (error) {
        if (error instanceof BrokerError) return null
        throw error
      }
    },
    async close() {
      stop.abort()
      await Promise.all([relayOpening, consuming.catch(() => {})])
      await Promise.all([relayBroker?.close(), consumerBroker?.close()])
    },
  }
}
