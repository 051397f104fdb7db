import { adminError } from '../../core/admin-error.js'
import { adminErrors, stripeErrors } from '../../error-codes.js'
import { json } from '../../core/json-response.js'
import { adminOpInput, readAuthenticateResult } from '../wire/admin-authenticate.js'
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
      const outcome = await readAuthenticateResult(request)
      if (outcome instanceof Response) return outcome
      const card = resolveCard(ctx, pi.paymentMethod)
      if (!card)
        return adminError(
          adminErrors.AUTHENTICATE_INVALID,
          `Intent ${pi.id} has no test card to authenticate`,
        )
      const result = applyOutcome(
        ctx,
        adminOpInput(ctx.now()),
        pi,
        card,
        outcome === 'succeed'
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
