import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { BAGGAGE_HEADER, parseJourneyBaggage } from '../../lib/journey-context.js'
import { PROBLEM_CONTENT_TYPE, ProblemError } from '../http/problem.js'
import type { CheckoutCore } from './checkout-core.js'
import { checkoutResponse, type CheckoutResponse } from './checkout-response.js'
import type { IdempotentCheckout } from './idempotent-checkout.js'

const CheckoutBody = Type.Object(
  {
    cartId: Type.String({ pattern: '^[a-z]+_[a-z0-9]{1,64}$', maxLength: 80 }),
    paymentMethod: Type.String({ pattern: '^[A-Za-z0-9_]{1,100}$' }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  },
  { additionalProperties: false },
)

/** Printable ASCII, 1–255 characters (Stripe's limit). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

/** Options of {@link checkoutRoutes}. */
export interface CheckoutRoutesOptions {
  checkouts: CheckoutCore
  /** The idempotency layer around `checkouts`; absent when the `idempotency` safeguard is off. */
  idempotency: IdempotentCheckout | undefined
}

/**
 * `POST /v1/checkouts`: maps the core's outcome (or the idempotency layer's answer) to HTTP.
 * With the idempotency layer an `Idempotency-Key` header is required; without it any key is
 * only recorded on the order.
 */
export const checkoutRoutes: FastifyPluginAsync<CheckoutRoutesOptions> = async (
  plain,
  { checkouts, idempotency },
) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  app.post('/v1/checkouts', { schema: { body: CheckoutBody } }, async (request, reply) => {
    const header = request.headers['idempotency-key']
    const key = typeof header === 'string' ? header : undefined
    const journey = parseJourneyBaggage(request.headers[BAGGAGE_HEADER])
    if (!idempotency) {
      return send(
        reply,
        checkoutResponse(await checkouts.start(request.body, { checkoutKey: key ?? '', journey })),
      )
    }
    if (key === undefined || key === '') {
      throw new ProblemError(
        'IDEMPOTENCY_KEY_REQUIRED',
        'Send an Idempotency-Key header (a unique string per checkout)',
      )
    }
    if (!KEY_PATTERN.test(key)) {
      throw new ProblemError(
        'IDEMPOTENCY_KEY_INVALID',
        'The Idempotency-Key must be 1–255 printable ASCII characters',
      )
    }
    const result = await idempotency.checkout(request.body, {
      checkoutKey: key,
      idempotencyKey: key,
      journey,
    })
    switch (result.kind) {
      case 'outcome':
        return send(reply, checkoutResponse(result.outcome))
      case 'replay':
        reply.header('idempotent-replayed', 'true')
        return send(reply, result.response)
      case 'key_reused':
        throw new ProblemError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with a different request body',
        )
      case 'key_in_use':
        throw new ProblemError(
          'IDEMPOTENCY_KEY_IN_USE',
          'A request with this Idempotency-Key is still in progress; retry later',
        )
      default: {
        const never: never = result
        return never
      }
    }
  })
}

function send(reply: FastifyReply, response: CheckoutResponse): FastifyReply {
  if (response.status >= 400) reply.type(PROBLEM_CONTENT_TYPE)
  return reply.code(response.status).send(response.body)
}
