import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { PROBLEM_CONTENT_TYPE, ProblemError } from '../http/problem.js'
import type { Safeguards } from '../safeguards.js'
import type { CheckoutService } from './checkout-service.js'

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

/** `POST /v1/checkouts` with a required `Idempotency-Key` header. */
export const checkoutRoutes: FastifyPluginAsync<{
  checkouts: CheckoutService
  safeguards: Safeguards
}> = async (plain, { checkouts, safeguards }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  app.post('/v1/checkouts', { schema: { body: CheckoutBody } }, async (request, reply) => {
    const header = request.headers['idempotency-key']
    const key = typeof header === 'string' ? header : undefined
    if (safeguards.idempotency) {
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
    }
    const result = await checkouts.checkout(request.body, key)
    if (result.replayed) reply.header('idempotent-replayed', 'true')
    if (result.status >= 400) reply.type(PROBLEM_CONTENT_TYPE)
    return reply.code(result.status).send(result.body)
  })
}
