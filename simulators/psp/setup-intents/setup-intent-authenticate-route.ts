import { adminError } from '../../core/admin-error.js'
import { adminErrors, stripeErrors } from '../../error-codes.js'
import { json } from '../../core/json-response.js'
import { adminOpInput, readAuthenticateResult } from '../wire/admin-authenticate.js'
import type { Route } from '../../core/router.js'
import type { PspContext } from '../psp-context.js'
import { applySetupOutcome } from './setup-intent-endpoints.js'

/**
 * `POST /__admin/setup_intents/{id}/authenticate` `{ "result": "succeed" | "fail" }`: plays the
 * customer completing (or failing) 3-D Secure for a SetupIntent in `requires_action`, as the
 * payment intent route does. Success saves the card (attached to the customer); failure leaves
 * the SetupIntent in `requires_payment_method` with `last_setup_error`.
 */
export function setupIntentAuthenticateRoute(ctx: PspContext): Route {
  return {
    method: 'POST',
    path: '/__admin/setup_intents/:id/authenticate',
    handle: async (request, params) => {
      const si = ctx.state.setupIntents.get(params.id ?? '')
      if (!si) return adminError(adminErrors.INTENT_NOT_FOUND, `No such setup_intent: ${params.id}`)
      if (si.status !== 'requires_action')
        return adminError(adminErrors.INTENT_NOT_AWAITING_ACTION, `SetupIntent ${si.id} is ${si.status}`)
      const outcome = await readAuthenticateResult(request)
      if (outcome instanceof Response) return outcome
      const result = applySetupOutcome(
        ctx,
        adminOpInput(ctx.now()),
        si,
        outcome === 'succeed'
          ? { kind: 'succeed' }
          : {
              kind: 'decline',
              code: stripeErrors.setup_intent_authentication_failure.code,
              message:
                'The latest attempt to set up the payment method has failed because authentication failed.',
            },
      )
      return json(200, result.ok ? result.body : { error: result.failure.error })
    },
  }
}
