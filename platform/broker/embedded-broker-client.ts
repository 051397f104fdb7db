import { Agent, request } from 'undici'
import {
  payloadBytes,
  type BatchPublishResult,
  type Broker,
  type BrokerMessage,
  type Delivery,
  type FetchOptions,
  type PublishAck,
} from './broker.js'
import { brokerError, BrokerError, isBrokerError, isBrokerErrorCode } from './broker-errors.js'
import {
  fetchLimits,
  invalidMessageReason,
  MAX_ACK_BATCH,
  MAX_BATCH_BODY_BYTES,
  MAX_PUBLISH_BATCH,
} from './message-rules.js'
import { classifyTransportError } from './transport-errors.js'

/** How to reach an embedded broker server and which durable consumer this handle is. */
export interface EmbeddedBrokerOptions {
  /** The server's URL (embedded-broker-server.ts), or a fault proxy's in front of it. */
  readonly url: string
  /** The durable pull consumer this handle fetches for. @default 'gameday' */
  readonly durable?: string
  /** A delivery not acked within this is redelivered, ms. @default 30_000 */
  readonly ackWaitMs?: number
  /** Bound on each call (publish, ack, nak, pending; a fetch gets this on top of its expiresMs), ms. @default 5_000 */
  readonly timeoutMs?: number
  /** Bound on opening a connection, ms. @default 2_000 */
  readonly connectTimeoutMs?: number
}

interface WireDelivery {
  seq: number
  id: string
  subject: string
  data: string
  deliveryCount: number
}

/**
 * The embedded broker as a `Broker`: HTTP/JSON over undici, every call bounded by `timeoutMs`, so
 * a cut or slowed link (a fault proxy in front) turns into BROKER_UNAVAILABLE or BROKER_TIMEOUT
 * rather than a hang. The durable consumer is created on first use and recreated if the server
 * forgot it (a restart). A call that failed on a dead pooled connection is tried once more at once:
 * every call is safe to repeat (publish dedupes on id; ack and nak are idempotent).
 *
 * @example
 * const broker = createEmbeddedBroker({ url: server.url, durable: 'order-events', ackWaitMs: 10_000 })
 * await broker.publish({ id: 'evt_order_paid_ord_1', subject: 'orders.paid', data: '{"orderId":"ord_1"}' })
 */
export function createEmbeddedBroker(options: EmbeddedBrokerOptions): Broker {
  const base = options.url.replace(/\/+$/, '')
  const durable = encodeURIComponent(options.durable ?? 'gameday')
  const ackWaitMs = options.ackWaitMs ?? 30_000
  const timeoutMs = options.timeoutMs ?? 5_000
  for (const [name, value] of Object.entries({
    ackWaitMs,
    timeoutMs,
    connectTimeoutMs: options.connectTimeoutMs ?? 2_000,
  })) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw brokerError(
        'BROKER_CONFIG_INVALID',
        `Failed to create the embedded broker client: ${name} must be a positive integer`,
      )
    }
  }
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs ?? 2_000 },
    keepAliveTimeout: 4_000,
  })
  let closed = false
  let consumerReady: Promise<void> | undefined

  const call = async <T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    boundMs: number,
    what: string,
  ): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      if (closed) throw brokerError('BROKER_CLOSED', `Failed to ${what}: the broker handle is closed`)
      const signal = AbortSignal.timeout(boundMs)
      try {
        const res = await request(`${base}${path}`, {
          method,
          dispatcher: agent,
          signal,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          headersTimeout: boundMs,
          bodyTimeout: boundMs,
        })
        const text = await res.body.text()
        return parseAnswer<T>(res.statusCode, text, what)
      } catch (error) {
        if (isBrokerError(error)) throw error
        if (closed)
          throw brokerError('BROKER_CLOSED', `Failed to ${what}: the broker handle is closed`, error)
        const transport = classifyTransportError(error, signal.aborted)
        if (transport.staleConnection && attempt === 1) continue
        throw brokerError(transport.code, `Failed to ${what} (${base}): ${transport.reason}`, error)
      }
    }
  }

  const ensureConsumer = () =>
    (consumerReady ??= call<unknown>(
      'PUT',
      `/v1/consumers/${durable}`,
      { ackWaitMs },
      timeoutMs,
      `create consumer ${durable}`,
    )
      .then(() => undefined)
      .catch((error: unknown) => {
        consumerReady = undefined
        throw error
      }))

  /** A consumer call; if the server forgot the consumer (it restarted), recreate it and try once more. */
  const consumerCall = async <T>(run: () => Promise<T>): Promise<T> => {
    await ensureConsumer()
    try {
      return await run()
    } catch (error) {
      if (!isBrokerError(error, 'BROKER_CONSUMER_NOT_FOUND')) throw error
      consumerReady = undefined
      await ensureConsumer()
      return run()
    }
  }

  const toDelivery = (wire: WireDelivery): Delivery => {
    const data = new Uint8Array(Buffer.from(wire.data, 'base64'))
    return {
      id: wire.id,
      subject: wire.subject,
      data,
      deliveryCount: wire.deliveryCount,
      redelivered: wire.deliveryCount > 1,
      text: () => new TextDecoder().decode(data),
      ack: () => ack(wire.seq),
      nak: (delayMs = 0) =>
        consumerCall(() =>
          call(
            'POST',
            `/v1/consumers/${durable}/nak`,
            { seq: wire.seq, delayMs: Math.max(0, Math.round(delayMs)) },
            timeoutMs,
            `nak ${wire.id}`,
          ),
        ).then(() => undefined),
    }
  }

  /**
   * Acks asked for in the same tick go in one request (the consume loop acks a fetch's batch at
   * once); each ack resolves or rejects with its request.
   */
  let ackQueue: Array<{ seq: number; resolve: () => void; reject: (error: unknown) => void }> = []
  const flushAcks = () => {
    const queued = ackQueue
    ackQueue = []
    for (let i = 0; i < queued.length; i += MAX_ACK_BATCH) {
      const slice = queued.slice(i, i + MAX_ACK_BATCH)
      consumerCall(() =>
        call(
          'POST',
          `/v1/consumers/${durable}/acks`,
          { seqs: slice.map((a) => a.seq) },
          timeoutMs,
          `ack ${slice.length} deliveries`,
        ),
      ).then(
        () => slice.forEach((a) => a.resolve()),
        (error: unknown) => slice.forEach((a) => a.reject(error)),
      )
    }
  }
  const ack = (seq: number) =>
    new Promise<void>((resolve, reject) => {
      if (ackQueue.length === 0) queueMicrotask(flushAcks)
      ackQueue.push({ seq, resolve, reject })
    })

  /** One batch-publish request (publishBatch keeps each within MAX_PUBLISH_BATCH and MAX_BATCH_BODY_BYTES). */
  const publishSlice = async (
    wire: ReadonlyArray<{ id: string; subject: string; data: string }>,
  ): Promise<{ results: Array<{ duplicate: boolean }>; error?: { code: unknown; detail?: unknown } }> =>
    call('POST', '/v1/messages/batch', { messages: wire }, timeoutMs, `publish ${wire.length} messages`)

  return {
    async publishBatch(messages: readonly BrokerMessage[]): Promise<BatchPublishResult> {
      const published: string[] = []
      let slice: Array<{ id: string; subject: string; data: string }> = []
      let sliceBytes = 0
      const send = async (): Promise<BrokerError | undefined> => {
        if (slice.length === 0) return undefined
        const sent = slice
        slice = []
        sliceBytes = 0
        let answer: Awaited<ReturnType<typeof publishSlice>>
        try {
          answer = await publishSlice(sent)
        } catch (error) {
          return isBrokerError(error)
            ? error
            : brokerError('BROKER_INTERNAL', `Failed to publish ${sent[0]?.id}: ${String(error)}`, error)
        }
        const done = Math.min(answer.results.length, sent.length)
        for (let i = 0; i < done; i++) published.push(sent[i]!.id)
        if (answer.error !== undefined) {
          const code = isBrokerErrorCode(answer.error.code) ? answer.error.code : 'BROKER_PROTOCOL_ERROR'
          const detail = typeof answer.error.detail === 'string' ? answer.error.detail : 'refused'
          return new BrokerError(code, `${code}: Failed to publish ${sent[done]?.id}: ${detail}`)
        }
        if (done < sent.length) {
          return brokerError('BROKER_PROTOCOL_ERROR', `Failed to publish ${sent[done]?.id}: no answer for it`)
        }
        return undefined
      }
      for (const message of messages) {
        const invalid = invalidMessageReason(message)
        if (invalid !== undefined) {
          const error = await send()
          return {
            published,
            error:
              error ?? brokerError('BROKER_INVALID_MESSAGE', `Failed to publish ${message.id}: ${invalid}`),
          }
        }
        const data = Buffer.from(payloadBytes(message.data)).toString('base64')
        const bytes = data.length + message.id.length + message.subject.length + 64
        if (
          slice.length > 0 &&
          (slice.length >= MAX_PUBLISH_BATCH || sliceBytes + bytes > MAX_BATCH_BODY_BYTES)
        ) {
          const error = await send()
          if (error) return { published, error }
        }
        slice.push({ id: message.id, subject: message.subject, data })
        sliceBytes += bytes
      }
      const error = await send()
      return error ? { published, error } : { published }
    },

    async publish(message: BrokerMessage): Promise<PublishAck> {
      const invalid = invalidMessageReason(message)
      if (invalid !== undefined)
        throw brokerError('BROKER_INVALID_MESSAGE', `Failed to publish ${message.id}: ${invalid}`)
      const data = Buffer.from(payloadBytes(message.data)).toString('base64')
      const answer = await call<{ duplicate: boolean }>(
        'POST',
        '/v1/messages',
        { id: message.id, subject: message.subject, data },
        timeoutMs,
        `publish ${message.id}`,
      )
      return { duplicate: answer.duplicate === true }
    },

    async fetch(maxWanted: number, fetchOptions: FetchOptions = {}): Promise<Delivery[]> {
      const limits = fetchLimits(maxWanted, fetchOptions.expiresMs)
      if (typeof limits === 'string')
        throw brokerError('BROKER_INVALID_REQUEST', `Failed to fetch: ${limits}`)
      const { max, expiresMs } = limits
      const answer = await consumerCall(() =>
        call<{ deliveries: WireDelivery[] }>(
          'POST',
          `/v1/consumers/${durable}/fetch`,
          { max, expiresMs },
          expiresMs + timeoutMs,
          'fetch',
        ),
      )
      return answer.deliveries.map(toDelivery)
    },

    async pending(): Promise<number> {
      const answer = await consumerCall(() =>
        call<{ pending: number }>(
          'GET',
          `/v1/consumers/${durable}/pending`,
          undefined,
          timeoutMs,
          'read pending',
        ),
      )
      return answer.pending
    },

    async close(): Promise<void> {
      if (closed) return
      closed = true
      // destroy, not close: an open long poll should not hold the close up for its expiresMs.
      await agent.destroy().catch(() => {})
    },
  }
}

/** A 2xx JSON body, or the problem's stable code as a BrokerError. */
function parseAnswer<T>(status: number, text: string, what: string): T {
  let body: unknown
  try {
    body = text.length === 0 ? undefined : JSON.parse(text)
  } catch {
    body = undefined
  }
  if (status >= 200 && status < 300 && body !== undefined) return body as T
  const code = (body as { code?: unknown } | undefined)?.code
  const detail = (body as { detail?: unknown } | undefined)?.detail
  if (status >= 400 && isBrokerErrorCode(code)) {
    return throwing(
      new BrokerError(code, `${code}: Failed to ${what}: ${typeof detail === 'string' ? detail : status}`),
    )
  }
  if (status >= 500) return throwing(brokerError('BROKER_INTERNAL', `Failed to ${what}: HTTP ${status}`))
  return throwing(brokerError('BROKER_PROTOCOL_ERROR', `Failed to ${what}: unexpected HTTP ${status} answer`))
}

function throwing(error: BrokerError): never {
  throw error
}
