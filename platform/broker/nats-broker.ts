import {
  jetstream,
  jetstreamManager,
  type Consumer,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { systemClock, type Clock } from '../../lib/clock.js'
import {
  payloadBytes,
  type Broker,
  type BrokerMessage,
  type Delivery,
  type FetchOptions,
  type PublishAck,
} from './broker.js'
import { brokerError, isBrokerError } from './broker-errors.js'
import { fetchLimits, invalidMessageReason } from './message-rules.js'
import { natsFailure } from './nats-errors.js'
import { ensureStreamAndConsumer, isJetStreamDisabled } from './nats-setup.js'

/** Where NATS is and what stream and durable consumer to ensure there. */
export interface NatsBrokerOptions {
  /** NATS URL(s), e.g. `nats://127.0.0.1:4222` (or a fault proxy's address in front of it). */
  readonly servers: string | readonly string[]
  /** Stream name (created if missing; its subjects and duplicate window updated if they differ). */
  readonly stream: string
  /** Subjects the stream captures, e.g. `['orders.>']`. */
  readonly subjects: readonly string[]
  /** `file` survives a NATS restart; `memory` is faster and does not. @default 'file' */
  readonly storage?: 'file' | 'memory'
  /** How long JetStream remembers a Nats-Msg-Id for dedupe, ms. @default 120_000 */
  readonly duplicateWindowMs?: number
  /** The durable pull consumer this handle fetches for. @default 'gameday' */
  readonly durable?: string
  /** A delivery not acked within this is redelivered, ms. @default 30_000 */
  readonly ackWaitMs?: number
  /** Bound on each call (publish, ack, pending; a fetch gets this on top of its expiresMs), ms. @default 5_000 */
  readonly timeoutMs?: number
  /** Bound on the first connection, ms. @default 2_000 */
  readonly connectTimeoutMs?: number
  /** Client ping interval, ms: a link cut silently (a proxy's timeout toxic) is noticed after about two. @default 2_000 */
  readonly pingIntervalMs?: number
  /** The connection's name in NATS monitoring. @default 'gameday-broker' */
  readonly name?: string
  /** Times the guard on a fetch that outlives its expiry. @default systemClock */
  readonly clock?: Clock
}

/**
 * NATS JetStream as a `Broker`. Connects, ensures the stream (with a duplicate window, so a
 * republished id is dropped via the Nats-Msg-Id header) and a durable pull consumer with explicit
 * acks and an ack wait. It reconnects on its own, forever; while the link is down a publish,
 * fetch or ack fails at once with BROKER_UNAVAILABLE instead of queueing behind the reconnect,
 * and every call is bounded by `timeoutMs` (BROKER_TIMEOUT). A server without JetStream fails
 * the creation with BROKER_JETSTREAM_DISABLED.
 *
 * @example
 * const broker = await createNatsBroker({ servers: 'nats://127.0.0.1:4222', stream: 'ORDERS', subjects: ['orders.>'], durable: 'order-events' })
 */
export async function createNatsBroker(options: NatsBrokerOptions): Promise<Broker> {
  const durable = options.durable ?? 'gameday'
  const ackWaitMs = options.ackWaitMs ?? 30_000
  const timeoutMs = options.timeoutMs ?? 5_000
  const duplicateWindowMs = options.duplicateWindowMs ?? 120_000
  const clock = options.clock ?? systemClock
  checkOptions({ ackWaitMs, timeoutMs, duplicateWindowMs, subjects: options.subjects.length })

  let nc: NatsConnection
  try {
    nc = await connect({
      servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
      name: options.name ?? 'gameday-broker',
      timeout: options.connectTimeoutMs ?? 2_000,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      pingInterval: options.pingIntervalMs ?? 2_000,
      maxPingOut: 2,
      // A fault proxy in front is the only way in: never follow the cluster's advertised URLs around it.
      ignoreClusterUpdates: true,
    })
  } catch (error) {
    throw brokerError(
      'BROKER_UNAVAILABLE',
      `Failed to connect to NATS (${String(options.servers)}): ${String(error)}`,
      error,
    )
  }

  let linkDown = false
  let closed = false
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnecting') linkDown = true
      else if (status.type === 'reconnect') linkDown = false
    }
  })().catch(() => {})

  let jsm: JetStreamManager
  let consumer: Consumer
  try {
    jsm = await jetstreamManager(nc, { timeout: timeoutMs })
    consumer = await ensureStreamAndConsumer(nc, jsm, {
      ...options,
      durable,
      ackWaitMs,
      duplicateWindowMs,
      timeoutMs,
    })
  } catch (error) {
    await nc.close().catch(() => {})
    if (isJetStreamDisabled(error)) {
      throw brokerError(
        'BROKER_JETSTREAM_DISABLED',
        `Failed to use JetStream on ${String(options.servers)}: it is not enabled (start nats-server with -js)`,
        error,
      )
    }
    if (isBrokerError(error)) throw error
    throw natsFailure(error, `set up stream ${options.stream}`)
  }
  const js = jetstream(nc, { timeout: timeoutMs })

  /** Fails fast while the link is down: NATS would otherwise buffer the call behind the reconnect. */
  const guard = (what: string) => {
    if (closed) throw brokerError('BROKER_CLOSED', `Failed to ${what}: the broker handle is closed`)
    if (linkDown || nc.isClosed())
      throw brokerError('BROKER_UNAVAILABLE', `Failed to ${what}: the NATS link is down (reconnecting)`)
  }

  /** A consumer call; if the consumer or stream vanished (deleted, or a memory stream after a restart), ensure them and try once more. */
  const withConsumer = async <T>(what: string, run: (c: Consumer) => Promise<T>): Promise<T> => {
    guard(what)
    try {
      return await run(consumer)
    } catch (error) {
      const failure = natsFailure(error, what)
      if (failure.code !== 'BROKER_CONSUMER_NOT_FOUND')
        throw closed ? brokerError('BROKER_CLOSED', `Failed to ${what}: closed`) : failure
      try {
        consumer = await ensureStreamAndConsumer(nc, jsm, {
          ...options,
          durable,
          ackWaitMs,
          duplicateWindowMs,
          timeoutMs,
        })
        return await run(consumer)
      } catch (again) {
        throw natsFailure(again, what)
      }
    }
  }

  const toDelivery = (msg: JsMsg): Delivery => {
    // A copy as a plain Uint8Array: nats.js hands out Buffers, and both adapters give the same type.
    const data = new Uint8Array(msg.data)
    let settled = false
    return {
      id: msg.headers?.get('Nats-Msg-Id') || `${options.stream}:${msg.seq}`,
      subject: msg.subject,
      data,
      deliveryCount: msg.info.deliveryCount,
      redelivered: msg.redelivered,
      text: () => new TextDecoder().decode(data),
      async ack() {
        if (settled) return
        guard(`ack ${msg.seq}`)
        try {
          await msg.ackAck({ timeout: timeoutMs })
          settled = true
        } catch (error) {
          throw natsFailure(error, `ack ${msg.seq}`)
        }
      },
      async nak(delayMs = 0) {
        if (settled) return
        guard(`nak ${msg.seq}`)
        msg.nak(delayMs > 0 ? Math.round(delayMs) : undefined)
        settled = true
        // A nak has no reply; a flush at least proves it reached the server.
        try {
          await withTimeout(nc.flush(), timeoutMs, clock)
        } catch (error) {
          throw natsFailure(error, `nak ${msg.seq}`)
        }
      },
    }
  }

  return {
    async publish(message: BrokerMessage): Promise<PublishAck> {
      const invalid = invalidMessageReason(message)
      if (invalid !== undefined)
        throw brokerError('BROKER_INVALID_MESSAGE', `Failed to publish ${message.id}: ${invalid}`)
      const data = payloadBytes(message.data)
      const maxPayload = nc.info?.max_payload
      if (maxPayload !== undefined && data.byteLength > maxPayload) {
        throw brokerError(
          'BROKER_PAYLOAD_TOO_LARGE',
          `Failed to publish ${message.id}: payload over ${maxPayload} bytes`,
        )
      }
      guard(`publish ${message.id}`)
      try {
        const ack = await js.publish(message.subject, data, { msgID: message.id, timeout: timeoutMs })
        return { duplicate: ack.duplicate }
      } catch (error) {
        throw natsFailure(error, `publish ${message.id}`)
      }
    },

    async fetch(maxWanted: number, fetchOptions: FetchOptions = {}): Promise<Delivery[]> {
      const limits = fetchLimits(maxWanted, fetchOptions.expiresMs)
      if (typeof limits === 'string')
        throw brokerError('BROKER_INVALID_REQUEST', `Failed to fetch: ${limits}`)
      const max = limits.max
      // JetStream refuses a pull shorter than 1 s.
      const expiresMs = Math.max(1_000, limits.expiresMs)
      return withConsumer('fetch', async (c) => {
        const batch = await c.fetch({ max_messages: max, expires: expiresMs })
        // If the link dies mid-pull the iterator may wait for heartbeats; never past expiry + timeout.
        const cancel = clock.setTimeout(() => batch.stop(), expiresMs + timeoutMs)
        const out: Delivery[] = []
        try {
          for await (const msg of batch) out.push(toDelivery(msg))
        } finally {
          cancel()
        }
        return out
      })
    },

    pending(): Promise<number> {
      return withConsumer('read pending', async (c) => {
        const info = await c.info(false)
        return info.num_pending + info.num_ack_pending
      })
    },

    async close(): Promise<void> {
      if (closed) return
      closed = true
      await nc.close().catch(() => {})
    },
  }
}

function checkOptions(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw brokerError(
        'BROKER_CONFIG_INVALID',
        `Failed to create the NATS broker: ${name} must be a positive integer, got ${value}`,
      )
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, clock: Clock): Promise<T> {
  return new Promise((resolve, reject) => {
    const cancel = clock.setTimeout(() => reject(brokerError('BROKER_TIMEOUT', `no answer in ${ms} ms`)), ms)
    promise.then(
      (value) => (cancel(), resolve(value)),
      (error: unknown) => (cancel(), reject(error)),
    )
  })
}
