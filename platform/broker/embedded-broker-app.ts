import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import type { Clock } from '../../lib/clock.js'
import type { BrokerErrorCode } from './broker-errors.js'
import { brokerProblem, PROBLEM_CONTENT_TYPE } from './embedded-broker-problem.js'
import { waitForDeliveries } from './embedded-long-poll.js'
import {
  MAX_ACK_BATCH,
  MAX_BATCH_BODY_BYTES,
  MAX_FETCH_BATCH,
  MAX_FETCH_EXPIRES_MS,
  MAX_PUBLISH_BATCH,
} from './message-rules.js'
import { createEmbeddedStream, type EmbeddedStream, type EmbeddedStreamOptions } from './embedded-stream.js'

/** Request limits of the embedded broker's HTTP API, on top of the stream's own. */
export interface EmbeddedBrokerLimits {
  /** Largest `max` of one fetch. @default 256 */
  readonly maxFetchBatch: number
  /** Longest `expiresMs` of one fetch (a long poll), ms. @default 60_000 */
  readonly maxExpiresMs: number
  /** Longest ack wait a consumer may ask for, ms. @default 3_600_000 */
  readonly maxAckWaitMs: number
}

/** The defaults of `EmbeddedBrokerLimits`. */
export const EMBEDDED_BROKER_LIMITS: EmbeddedBrokerLimits = Object.freeze({
  maxFetchBatch: MAX_FETCH_BATCH,
  maxExpiresMs: MAX_FETCH_EXPIRES_MS,
  maxAckWaitMs: 3_600_000,
})

const CONSUMER_PARAMS = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
} as const

const SEQ = { type: 'integer', minimum: 1 } as const

/**
 * The embedded broker's HTTP API as a fastify app that never listens (embedded-broker-server.ts
 * does): tests drive it with `app.inject()`. Bodies are JSON; payloads travel base64-encoded.
 *
 * | route | body | answer |
 * |---|---|---|
 * | `POST /v1/messages` | `{ id, subject, data }` | `{ seq, duplicate }` |
 * | `POST /v1/messages/batch` | `{ messages: [{ id, subject, data }] }` | `{ results: [{ seq, duplicate }], error?: { code, detail } }`: in order, stopping at the first refusal |
 * | `PUT /v1/consumers/:name` | `{ ackWaitMs }` | `{ name, ackWaitMs }` |
 * | `POST /v1/consumers/:name/fetch` | `{ max, expiresMs }` | `{ deliveries: [{ seq, id, subject, data, deliveryCount }] }` |
 * | `POST /v1/consumers/:name/ack` | `{ seq }` | `{ outcome: 'acked' \| 'not_pending' }` |
 * | `POST /v1/consumers/:name/acks` | `{ seqs }` | `{ outcomes: [...] }`, one per seq |
 * | `POST /v1/consumers/:name/nak` | `{ seq, delayMs? }` | `{ outcome: 'nakked' \| 'not_pending' }` |
 * | `GET /v1/consumers/:name/pending` | — | `{ pending }` |
 * | `GET /v1/health` | — | `{ ok: true }` |
 *
 * Errors answer problem+json with a stable `code` (broker-errors.ts).
 */
export function buildEmbeddedBrokerApp(options: {
  stream: EmbeddedStreamOptions
  limits: EmbeddedBrokerLimits
  clock: Clock
}): { app: FastifyInstance; stream: EmbeddedStream; shutdown: AbortController } {
  const { clock, limits } = options
  const stream = createEmbeddedStream(options.stream, clock)
  // Aborted on close: every long poll answers at once instead of holding the close up.
  const shutdown = new AbortController()
  // base64 grows a payload by 4/3; the rest is the envelope.
  const bodyLimit = Math.ceil((options.stream.maxPayloadBytes * 4) / 3) + 4096
  const app = Fastify({
    logger: false,
    bodyLimit,
    forceCloseConnections: true,
  })
  app.addHook('onClose', async () => shutdown.abort())

  const refuse = (reply: FastifyReply, code: BrokerErrorCode, detail: string) => {
    const problem = brokerProblem(code, detail)
    return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem)
  }
  const requireConsumer = (reply: FastifyReply, name: string): boolean => {
    if (stream.hasConsumer(name)) return true
    void refuse(reply, 'BROKER_CONSUMER_NOT_FOUND', `no consumer ${name}`)
    return false
  }

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return refuse(reply, 'BROKER_PAYLOAD_TOO_LARGE', error.message)
    if (error.validation || (error.statusCode !== undefined && error.statusCode < 500)) {
      return refuse(reply, 'BROKER_INVALID_REQUEST', error.message)
    }
    // 5xx internals stay inside.
    return refuse(reply, 'BROKER_INTERNAL', 'the broker failed')
  })
  app.setNotFoundHandler((request, reply) =>
    refuse(reply, 'BROKER_NOT_FOUND', `${request.method} ${request.url}`),
  )

  app.get('/v1/health', async () => ({ ok: true }))

  app.post<{ Body: { id: string; subject: string; data: string } }>(
    '/v1/messages',
    {
      schema: {
        body: {
          type: 'object',
          required: ['id', 'subject', 'data'],
          additionalProperties: false,
          properties: { id: { type: 'string' }, subject: { type: 'string' }, data: { type: 'string' } },
        },
      },
    },
    async (request, reply) => {
      const { id, subject, data } = request.body
      if (!isBase64(data)) return refuse(reply, 'BROKER_INVALID_MESSAGE', 'data must be base64')
      const result = stream.publish({ id, subject, data: Buffer.from(data, 'base64') })
      if (!result.ok) return refuse(reply, result.code, result.detail)
      return { seq: result.seq, duplicate: result.duplicate }
    },
  )

  app.post<{ Body: { messages: Array<{ id: string; subject: string; data: string }> } }>(
    '/v1/messages/batch',
    {
      // A relay pass's events in one request: room for a batch of the largest messages' worth.
      bodyLimit: bodyLimit + MAX_BATCH_BODY_BYTES,
      schema: {
        body: {
          type: 'object',
          required: ['messages'],
          additionalProperties: false,
          properties: {
            messages: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_PUBLISH_BATCH,
              items: {
                type: 'object',
                required: ['id', 'subject', 'data'],
                additionalProperties: false,
                properties: {
                  id: { type: 'string' },
                  subject: { type: 'string' },
                  data: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const decoded: Array<{ id: string; subject: string; data: Uint8Array }> = []
      let invalid: { code: BrokerErrorCode; detail: string } | undefined
      for (const { id, subject, data } of request.body.messages) {
        // A bad payload stops the batch there, like any other refusal: the ones before it stand.
        if (!isBase64(data)) {
          invalid = { code: 'BROKER_INVALID_MESSAGE', detail: `data of ${id} must be base64` }
          break
        }
        decoded.push({ id, subject, data: Buffer.from(data, 'base64') })
      }
      const { results, refusal } = stream.publishMany(decoded)
      const error = refusal ? { code: refusal.code, detail: refusal.detail } : invalid
      return error ? { results, error } : { results }
    },
  )

  app.put<{ Params: { name: string }; Body: { ackWaitMs: number } }>(
    '/v1/consumers/:name',
    {
      schema: {
        params: CONSUMER_PARAMS,
        body: {
          type: 'object',
          required: ['ackWaitMs'],
          additionalProperties: false,
          properties: { ackWaitMs: { type: 'integer', minimum: 1, maximum: limits.maxAckWaitMs } },
        },
      },
    },
    async (request, reply) => {
      const result = stream.ensureConsumer(request.params.name, request.body.ackWaitMs)
      if (!result.ok) return refuse(reply, result.code, result.detail)
      return { name: request.params.name, ackWaitMs: request.body.ackWaitMs }
    },
  )

  app.post<{ Params: { name: string }; Body: { max: number; expiresMs: number } }>(
    '/v1/consumers/:name/fetch',
    {
      schema: {
        params: CONSUMER_PARAMS,
        body: {
          type: 'object',
          required: ['max', 'expiresMs'],
          additionalProperties: false,
          properties: {
            max: { type: 'integer', minimum: 1, maximum: limits.maxFetchBatch },
            expiresMs: { type: 'integer', minimum: 0, maximum: limits.maxExpiresMs },
          },
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params
      if (!requireConsumer(reply, name)) return reply
      // The client hanging up ends its poll, so it takes nothing it will never read.
      const gone = new AbortController()
      reply.raw.once('close', () => gone.abort())
      const deliveries = await waitForDeliveries(
        stream,
        name,
        request.body.max,
        request.body.expiresMs,
        clock,
        AbortSignal.any([gone.signal, shutdown.signal]),
      )
      return {
        deliveries: deliveries.map((d) => ({
          seq: d.seq,
          id: d.id,
          subject: d.subject,
          data: Buffer.from(d.data).toString('base64'),
          deliveryCount: d.deliveryCount,
        })),
      }
    },
  )

  app.post<{ Params: { name: string }; Body: { seq: number } }>(
    '/v1/consumers/:name/ack',
    {
      schema: {
        params: CONSUMER_PARAMS,
        body: { type: 'object', required: ['seq'], additionalProperties: false, properties: { seq: SEQ } },
      },
    },
    async (request, reply) => {
      if (!requireConsumer(reply, request.params.name)) return reply
      return { outcome: stream.ack(request.params.name, request.body.seq) }
    },
  )

  app.post<{ Params: { name: string }; Body: { seqs: number[] } }>(
    '/v1/consumers/:name/acks',
    {
      schema: {
        params: CONSUMER_PARAMS,
        body: {
          type: 'object',
          required: ['seqs'],
          additionalProperties: false,
          properties: { seqs: { type: 'array', minItems: 1, maxItems: MAX_ACK_BATCH, items: SEQ } },
        },
      },
    },
    async (request, reply) => {
      if (!requireConsumer(reply, request.params.name)) return reply
      return { outcomes: stream.ackMany(request.params.name, request.body.seqs) }
    },
  )

  app.post<{ Params: { name: string }; Body: { seq: number; delayMs?: number } }>(
    '/v1/consumers/:name/nak',
    {
      schema: {
        params: CONSUMER_PARAMS,
        body: {
          type: 'object',
          required: ['seq'],
          additionalProperties: false,
          properties: { seq: SEQ, delayMs: { type: 'integer', minimum: 0, maximum: limits.maxAckWaitMs } },
        },
      },
    },
    async (request, reply) => {
      if (!requireConsumer(reply, request.params.name)) return reply
      return { outcome: stream.nak(request.params.name, request.body.seq, request.body.delayMs ?? 0) }
    },
  )

  app.get<{ Params: { name: string } }>(
    '/v1/consumers/:name/pending',
    { schema: { params: CONSUMER_PARAMS } },
    async (request, reply) => {
      if (!requireConsumer(reply, request.params.name)) return reply
      return { pending: stream.pending(request.params.name) }
    },
  )

  return { app, stream, shutdown }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

function isBase64(text: string): boolean {
  return BASE64.test(text)
}
