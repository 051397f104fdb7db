import { systemClock, type Clock } from '../../lib/clock.js'
import { entropyHex } from '../../lib/random.js'
import { json, decodeJsonBody } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { serve, type SimulatorHandle } from '../core/serve.js'
import { createSimulatorHandle } from '../core/simulator-handle.js'
import { avataxErrors } from '../error-codes.js'
import { faultAdminRoutes } from '../faults/fault-admin-routes.js'
import { FaultModel } from '../faults/fault-model.js'
import { addressRoutes } from './address-routes.js'
import type { TaxCredentials } from './authenticate.js'
import { avataxError, avataxErrorResponse } from './avatax-error.js'
import { createDocumentIds } from './document-ids.js'
import { listRoute } from './list-route.js'
import { pingRoute } from './ping-route.js'
import { refundRoute } from './refund-route.js'
import type { TaxContext } from './tax-endpoint.js'
import { TaxState } from './tax-state.js'
import { transactionRoutes } from './transaction-routes.js'

/** Options of {@link startTax} (and {@link createTax}, without `host` and `port`). */
export interface TaxOptions extends TaxCredentials {
  /** @default '127.0.0.1' */
  host?: string
  /** 0 = any free port. @default 0 */
  port?: number
  /** Seeds fault draws, and (with `idSalt`) the ids and document codes the server mints. @default 1 */
  seed?: number
  /**
   * Mixed into the seed of what the server mints (transaction ids, document codes) and nothing
   * else, so ids differ across starts while the same seed still replays every fault. The same
   * seed and salt mint the same ids. @default fresh entropy per start
   */
  idSalt?: string
  /** Stamps transactions and the ledger, times fault schedules and injected delays. @default systemClock */
  clock?: Clock
}

/** A running simulator: base URL, port, fault model, close. */
export interface SimulatorServer {
  url: string
  port: number
  faults: FaultModel
  close(): Promise<void>
}

/** The tax simulator before it listens: its handle, its routes, its state. */
export interface Tax {
  /** `Request → Response` with admin routes and faults, as served. */
  handle: SimulatorHandle
  /** The AvaTax routes alone (no faults, no admin), e.g. for `toMswHandlers`. */
  routes: Route[]
  ctx: TaxContext
  faults: FaultModel
}

/**
 * Builds the tax simulator's `Request → Response` handle without listening (tests, benches).
 * Every AvaTax call but ping needs credentials: any non-empty Basic pair or Bearer token unless
 * `accountId`/`licenseKey`/`bearerToken` name the one accepted.
 * @example
 * const tax = createTax({ seed: 7, idSalt: 'run-1' })
 * await tax.handle(new Request('http://127.0.0.1/api/v2/utilities/ping'), { remoteAddress: '127.0.0.1', bodyTooLarge: false })
 */
export function createTax(options: Omit<TaxOptions, 'host' | 'port'> = {}): Tax {
  const seed = options.seed ?? 1
  const clock = options.clock ?? systemClock
  const ids = createDocumentIds(seed, options.idSalt ?? entropyHex(8))
  const ctx: TaxContext = {
    state: new TaxState(),
    ids,
    now: () => clock.now(),
    credentials: {
      ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
      ...(options.licenseKey !== undefined ? { licenseKey: options.licenseKey } : {}),
      ...(options.bearerToken !== undefined ? { bearerToken: options.bearerToken } : {}),
    },
  }
  const faults = new FaultModel({ seed, stream: 'tax', clock })
  const routes = [
    pingRoute(ctx),
    ...transactionRoutes(ctx),
    refundRoute(ctx),
    listRoute(ctx),
    ...addressRoutes(ctx),
  ]
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
          ids.reset()
          faults.reset()
          return json(200, { reset: true })
        },
      },
      ...faultAdminRoutes(faults),
    ],
    vendor: routes,
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
          { message: status === 429 ? 'Rate limit exceeded' : 'The service could not process the request' },
          retryAfterS,
        ),
      decodeBody: decodeJsonBody,
      notFound: (request) =>
        avataxError(avataxErrors.NotFound, {
          message: `No route for ${request.method} ${new URL(request.url).pathname}`,
        }),
      tooLarge: () =>
        avataxError(avataxErrors.RequestTooLarge, {
          message: 'The request body is too large',
          description: 'The body is over the simulator’s 1 MiB limit; nothing was read or saved.',
        }),
    },
  })
  return { handle, routes, ctx, faults }
}

/**
 * Starts the tax simulator, shaped after Avalara AvaTax REST v2, on a real HTTP server.
 * @example
 * const tax = await startTax({ port: 0 })
 * const client = new Avatax({ appName: 'shop', appVersion: '1', machineName: 'ci', environment: tax.url })
 *   .withSecurity({ accountId: '1', licenseKey: 'key' })
 * await client.ping()
 */
export async function startTax(options: TaxOptions = {}): Promise<SimulatorServer> {
  const tax = createTax(options)
  const served = await serve({
    handle: tax.handle,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return { url: served.url, port: served.port, faults: tax.faults, close: served.close }
}
