import { json } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { resolveAddress } from './resolve-address.js'
import { taxRoute, type TaxContext } from './tax-endpoint.js'
import { modelError } from './transaction-writes.js'

/**
 * `GET /api/v2/addresses/resolve?line1=…&city=…` and `POST /api/v2/addresses/resolve`
 * (an AddressValidationInfo body): the same resolution either way.
 */
export function addressRoutes(ctx: TaxContext): Route[] {
  const answer = (input: Record<string, unknown>): Response => {
    const resolved = resolveAddress(input)
    return resolved.ok ? json(200, resolved.model) : modelError(resolved)
  }
  return [
    taxRoute(ctx, 'GET', '/api/v2/addresses/resolve', (call) => answer(Object.fromEntries(call.query))),
    taxRoute(ctx, 'POST', '/api/v2/addresses/resolve', (call) => answer(call.body)),
  ]
}
