import { adminError } from '../../core/admin-error.js'
import { readJson } from '../../core/json-response.js'
import { adminErrors } from '../../error-codes.js'
import type { OpInput } from './stripe-endpoint.js'

/**
 * The body of the admin routes that play a customer's 3-D Secure step
 * (`/__admin/payment_intents/{id}/authenticate`, `/__admin/setup_intents/{id}/authenticate`):
 * `{ "result": "succeed" | "fail" }`, or the admin error to answer.
 */
export async function readAuthenticateResult(request: Request): Promise<'succeed' | 'fail' | Response> {
  const body = (await readJson(request)) as { result?: unknown } | undefined
  if (body?.result === 'succeed' || body?.result === 'fail') return body.result
  return adminError(adminErrors.AUTHENTICATE_INVALID, 'Body must be { "result": "succeed" | "fail" }')
}

/** The input an admin action runs a Stripe operation with: no form, no key, no expand. */
export function adminOpInput(nowMs: number): OpInput {
  return { form: {}, params: {}, expand: new Set(), requestId: 'req_admin', idempotencyKey: null, nowMs }
}
