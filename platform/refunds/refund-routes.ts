import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { BAGGAGE_HEADER, parseJourneyBaggage } from '../../lib/journey-context.js'
import type { AppDeps } from '../app-deps.js'
import type { SagaDeps } from '../checkout/run-saga.js'
import { PROBLEM_CONTENT_TYPE, ProblemError } from '../http/problem.js'
import type { PspClient, PspRefunds } from '../payments/psp-client.js'
import type { SavedResponse } from './refund-repo.js'
import { cancelOrder } from './cancel-order.js'
import { refundOrder } from './refund-order.js'

const OrderParams = Type.Object({ id: Type.String({ pattern: '^[a-z]+_[a-z0-9]{1,64}$', maxLength: 80 }) })

const RefundBody = Type.Object(
  {
    amountMinor: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    reason: Type.Optional(
      Type.Union([
        Type.Literal('requested_by_customer'),
        Type.Literal('duplicate'),
        Type.Literal('fraudulent'),
      ]),
    ),
  },
  { additionalProperties: false },
)

/** Refund and cancel bodies are tiny: anything bigger is refused with 413 before parsing. */
const BODY_LIMIT_BYTES = 1024

/** Printable ASCII, 1–255 characters (Stripe's limit), as the checkout's. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

/**
 * `POST /v1/orders/:id/refunds` `{ amountMinor?, reason? }` and `POST /v1/orders/:id/cancel`, each
 * with a required `Idempotency-Key`: the same key and body replay the first answer
 * (`idempotent-replayed: true`), the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`.
 */
export const refundRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  const { db, clock, config } = deps
  const saga: SagaDeps | undefined = deps.saga
    ? {
        db,
        clock,
        vendors: deps.saga,
        safeguards: config.safeguards,
        ...(deps.crashPoints ? { crashPoints: deps.crashPoints } : {}),
      }
    : undefined

  app.post(
    '/v1/orders/:id/refunds',
    {
      schema: { params: OrderParams, body: RefundBody },
      bodyLimit: BODY_LIMIT_BYTES,
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      const { id } = request.params
      const result = await refundOrder(
        {
          db,
          clock,
          ids: deps.ids,
          psp: refunds(deps.psp),
          tax: deps.saga?.tax,
          pspIdempotency: config.safeguards['psp-idempotency'],
        },
        {
          orderId: id,
          idempotencyKey: idempotencyKey(request),
          amountMinor: request.body.amountMinor,
          reason: request.body.reason,
          journey: parseJourneyBaggage(request.headers[BAGGAGE_HEADER]),
        },
      )
      switch (result.kind) {
        case 'answer':
          return send(reply, result.response, result.replayed)
        case 'not_found':
        case 'key_reused':
          throw sharedProblem(result.kind, id)
        case 'not_refundable':
          throw new ProblemError('ORDER_NOT_REFUNDABLE', result.detail, {
            orderId: id,
            orderStatus: result.status,
          })
        case 'exceeds':
          throw new ProblemError(
            'REFUND_EXCEEDS_CAPTURED',
            `A refund of ${result.requestedMinor} is more than the ${result.remainingMinor} the capture has left`,
            { orderId: id, remainingMinor: result.remainingMinor },
          )
        case 'psp_indeterminate':
          throw new ProblemError(
            'PSP_UNAVAILABLE',
            `The payment provider's answer to refund ${result.refundId} was lost (${result.reason}); retry with the same key`,
            { orderId: id, refundId: result.refundId },
          )
        default: {
          const never: never = result
          return never
        }
      }
    },
  )

  app.post(
    '/v1/orders/:id/cancel',
    {
      schema: { params: OrderParams, body: Type.Object({}, { additionalProperties: false }) },
      bodyLimit: BODY_LIMIT_BYTES,
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      const { id } = request.params
      const result = await cancelOrder(
        { db, clock, saga },
        {
          orderId: id,
          idempotencyKey: idempotencyKey(request),
          journey: parseJourneyBaggage(request.headers[BAGGAGE_HEADER]),
        },
      )
      switch (result.kind) {
        case 'answer':
          return send(reply, result.response, result.replayed)
        case 'not_found':
        case 'key_reused':
          throw sharedProblem(result.kind, id)
        case 'not_cancellable':
          throw new ProblemError('ORDER_NOT_CANCELLABLE', result.detail, {
            orderId: id,
            orderStatus: result.status,
          })
        case 'psp_indeterminate':
          throw new ProblemError(
            'PSP_UNAVAILABLE',
            `The payment provider's answer to the cancel was lost (${result.reason}); retry with the same key`,
            { orderId: id },
          )
        default: {
          const never: never = result
          return never
        }
      }
    },
  )
}

/** The request's Idempotency-Key, or a 400 problem. */
function idempotencyKey(request: FastifyRequest): string {
  const header = request.headers['idempotency-key']
  const key = typeof header === 'string' ? header : undefined
  if (key === undefined || key === '') {
    throw new ProblemError(
      'IDEMPOTENCY_KEY_REQUIRED',
      'Send an Idempotency-Key header (a unique string per request)',
    )
  }
  if (!KEY_PATTERN.test(key)) {
    throw new ProblemError(
      'IDEMPOTENCY_KEY_INVALID',
      'The Idempotency-Key must be 1–255 printable ASCII characters',
    )
  }
  return key
}

/** A request sent without a body is read as `{}`: every field of these bodies is optional. */
async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {}
}

/** A saved answer: a problem keeps its content type. */
function send(reply: FastifyReply, response: SavedResponse, replayed: boolean): FastifyReply {
  if (replayed) reply.header('idempotent-replayed', 'true')
  reply.code(response.status)
  if (response.status >= 400) reply.type(PROBLEM_CONTENT_TYPE)
  return reply.send(response.body)
}

/** The PSP client's refunds; every client the platform builds has them. */
function refunds(psp: PspClient): PspRefunds {
  if (!('refund' in psp) || typeof psp.refund !== 'function') {
    throw new Error('Failed to refund: the PSP client has no refunds')
  }
  return psp as PspClient & PspRefunds
}

/** The refusals refunds and cancels share: an unknown order, a key used for another request. */
function sharedProblem(kind: 'not_found' | 'key_reused', orderId: string): ProblemError {
  return kind === 'not_found'
    ? new ProblemError('ORDER_NOT_FOUND', `Order ${orderId} does not exist`)
    : new ProblemError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request')
}
