import { adminError } from '../../core/admin-error.js'
import { adminErrors, stripeErrors } from '../../error-codes.js'
import { json, readJson } from '../../core/json-response.js'
import type { Route } from '../../core/router.js'
import { applyOutcome, resolveCard } from './confirm-intent.js'
import type { PspContext } from '../psp-context.js'

/**
 * `POST /__admin/payment_intents/{id}/authenticate` `{ "result": "succeed" | "fail" }`: plays the
 * customer completing (or failing) 3-D Secure for an intent in `requires_action`, which in Stripe
 * happens in the browser. Success authorises (and captures unless manual); failure declines.
 */
export function authenticateRoute(ctx: PspContext): Route {
  return {
    method: 'POST',
    path: '/__admin/payment_intents/:id/authenticate',
    handle: async (request, params) => {
      const pi = ctx.state.intents.get(params.id ?? '')
      if (!pi) return adminError(adminErrors.INTENT_NOT_FOUND, `No such payment_intent: ${params.id}`)
      if (pi.status !== 'requires_action' || !pi.paymentMethod)
        return adminError(adminErrors.INTENT_NOT_AWAITING_ACTION, `Intent ${pi.id} is ${pi.status}`)
      const body = (await readJson(request)) as { result?: unknown } | undefined
      const card = resolveCard(ctx, pi.paymentMethod)
      if (!card || (body?.result !== 'succeed' && body?.result !== 'fail'))
        return adminError(adminErrors.AUTHENTICATE_INVALID, 'Body must be { "result": "succeed" | "fail" }')
      const input = {
        form: {},
        params: {},
        expand: new Set<string>(),
        requestId: 'req_admin',
        idempotencyKey: null,
        nowMs: ctx.now(),
      }
      const result = applyOutcome(
        ctx,
        input,
        pi,
        card,
        body.result === 'succeed'
          ? { kind: 'succeed' }
          : {
              kind: 'decline',
              code: stripeErrors.payment_intent_authentication_failure.code,
              message: 'The provided PaymentMethod has failed authentication.',
            },
      )
      return json(200, result.ok ? result.body : { error: result.failure.error })
    },
  }
}
