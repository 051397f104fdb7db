import { json } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { authenticate } from './authenticate.js'
import type { TaxContext } from './tax-endpoint.js'

/** The version the simulator reports, shaped like AvaTax's. */
export const simulatorVersion = '26.9.0-gameday'

/**
 * `GET /api/v2/utilities/ping`: the one call that needs no credentials. It always answers 200;
 * `authenticated` says whether the credentials sent (if any) would be accepted, as AvaTax's does.
 */
export function pingRoute(ctx: TaxContext): Route {
  return {
    method: 'GET',
    path: '/api/v2/utilities/ping',
    handle: (request) => {
      const auth = authenticate(request.headers.get('authorization'), ctx.credentials)
      if (!auth.ok)
        return json(200, { version: simulatorVersion, authenticated: false, authenticationType: 'None' })
      return json(200, {
        version: simulatorVersion,
        authenticated: true,
        authenticationType: auth.type,
        ...(auth.type === 'UsernamePassword' ? { authenticatedUserName: auth.name } : {}),
        ...(auth.type === 'AccountIdLicenseKey' ? { authenticatedAccountId: Number(auth.name) } : {}),
      })
    },
  }
}
