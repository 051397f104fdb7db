import type { PspContext } from '../psp-context.js'
import type { CustomerRecord } from '../psp-records.js'
import { resourceMissing } from '../wire/stripe-error.js'
import type { OpResult } from '../wire/stripe-endpoint.js'

/**
 * The customer a sub-resource route names, if it exists and is not deleted; otherwise the 404
 * Stripe answers (a deleted customer takes no further operations, though it can be retrieved).
 */
export function liveCustomer(ctx: PspContext, id: string, param = 'customer'): CustomerRecord | OpResult {
  const customer = ctx.state.customers.get(id)
  if (!customer || customer.deleted)
    return { ok: false, saved: false, failure: resourceMissing(param, id, 'customer') }
  return customer
}

/** Narrows what {@link liveCustomer} returned. */
export const isFailure = (value: object): value is OpResult => 'ok' in value
