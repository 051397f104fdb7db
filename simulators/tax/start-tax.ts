import { systemClock, type Clock } from '../../lib/clock.js'
import { createRandom, deriveSeed } from '../../lib/random.js'
import { json, decodeJsonBody } from '../core/json-response.js'
import { serve } from '../core/serve.js'
import { createSimulatorHandle } from '../core/simulator-handle.js'
import { createVendorIds } from '../core/vendor-ids.js'
import { avataxErrors } from '../error-codes.js'
import { faultAdminRoutes } from '../faults/fault-admin-routes.js'
import { FaultModel } from '../faults/fault-model.js'
import { avataxError, avataxErrorResponse } from './avatax-error.js'
import { TaxState } from './tax-state.js'
import { transactionRoutes, type TaxContext } from './transaction-routes.js'

/** Options of {@link startTax}. */
export interface TaxOptions {
  /** @default '127.0.0.1' */
  host?: string
  /** 0 = any free port. @default 0 */
  port?: number
  /** Seeds generated codes and fault draws. @default 1 */
  seed?: number
  /** Stamps transactions and the ledger, times fault schedules and injected delays. @default systemClock */
  clock?: Clock
  /** Refuse requests without an Authorization header (AvaTax uses Basic auth). @default false */
  requireAuth?: boolean
}

/** A running simulator: base URL, port, fault model, close. */
export interface SimulatorServer {
  url: string
  port: number
  faults: FaultModel
  close(): Promise<void>
}

/**
 * Starts the tax simulator, shaped after Avalara AvaTax REST v2 transactions.
 * @example
 * const tax = await startTax({ port: 0 })
 * await fetch(`${tax.url}/api/v2/transactions/create`, { method: 'POST', body: JSON.stringify(model) })
 */
export async function startTax(options: TaxOptions = {}): Promise<SimulatorServer> {
  const seed = options.seed ?? 1
  const clock = options.clock ?? systemClock
  const ctx: TaxContext = {
    state: new TaxState(),
    ids: createVendorIds(createRandom(deriveSeed(seed, 'tax', 'ids'))),
    now: () => clock.now(),
    requireAuth: options.requireAuth ?? false,
  }
  const faults = new FaultModel({ seed, stream: 'tax', clock })
  const handle = createSimulatorHandle({
    admin: [
      { method: 'GET', path: '/__admin/ledger', handle: () => json(200, { entries: ctx.state.ledger }) },
      {
        method: 'GET',
        path: '/__admin/transactions',
        handle: () => json(200, { transactions: [...ctx.state.transactions.values()] }),
      },
      {
        method: 'POST',
        path: '/__admin/reset',
        handle: () => {
          ctx.state.reset()
          faults.reset()
          return json(200, { reset: true })
        },
      },
      ...faultAdminRoutes(faults),
    ],
    vendor: transactionRoutes(ctx),
    faults,
    shape: {
      errorResponse: ({ status, code, retryAfterS }) =>
        avataxErrorResponse(
          status,
          code ??
            (status === 429
              ? avataxErrors.TooManyRequests.code
              : status >= 500
                ? avataxErrors.ServiceUnavailable.code
                : avataxErrors.BadRequest.code),
          status === 429 ? 'Rate limit exceeded' : 'The service could not process the request',
          undefined,
          retryAfterS,
        ),
      decodeBody: decodeJsonBody,
      notFound: (request) =>
        avataxError(avataxErrors.NotFound, `No route for ${request.method} ${new URL(request.url).pathname}`),
      tooLarge: () => avataxError(avataxErrors.RequestTooLarge, 'The request body is too large'),
    },
  })
  const served = await serve({
    handle,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return { url: served.url, port: served.port, faults, close: served.close }
}
