import { systemClock, type Clock } from '../../lib/clock.js'
import { createRandom, deriveSeed } from '../../lib/random.js'
import { decodeJsonBody } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { serve, type SimulatorHandle } from '../core/serve.js'
import { createSimulatorHandle } from '../core/simulator-handle.js'
import { createVendorIds } from '../core/vendor-ids.js'
import { fraudErrors } from '../error-codes.js'
import { faultAdminRoutes } from '../faults/fault-admin-routes.js'
import { FaultModel } from '../faults/fault-model.js'
import type { SimulatorServer } from '../tax/start-tax.js'
import { decisionRoutes } from './decision-routes.js'
import { eventRoutes } from './event-routes.js'
import { fraudAdminRoutes } from './fraud-admin-routes.js'
import type { FraudContext } from './fraud-context.js'
import { FraudState } from './fraud-state.js'
import { defaultScoringRules, type ScoringRules } from './score-assessment.js'
import { scoreRoutes } from './score-routes.js'
import { siftError, siftErrorResponse } from './sift-error.js'
import { epochSeconds } from './sift-request.js'

/** Options of {@link startFraud}. */
export interface FraudOptions {
  /** @default '127.0.0.1' */
  host?: string
  /** 0 = any free port. @default 0 */
  port?: number
  /** Seeds workflow run ids and fault draws (scores and decisions depend only on the events). @default 1 */
  seed?: number
  /**
   * Mixed into the seed of the ids the simulator mints (workflow run ids) only, so two starts
   * with one seed mint different ids; never into scores, decisions or fault draws.
   */
  idSalt?: string
  /** Stamps events, scores and decisions, times fault schedules and injected delays. @default systemClock */
  clock?: Clock
  /** Thresholds and amount rules (partial: the rest defaulted). */
  rules?: Partial<ScoringRules>
  /** The one API key accepted (`$api_key` or HTTP Basic); when absent any non-empty key is. */
  apiKey?: string
  /** Users, orders and workflow runs kept, oldest forgotten first. @default 1_000_000 */
  recordLimit?: number
}

/** The fraud simulator before it listens: its handle, its Sift routes (for msw), its state. */
export interface Fraud {
  /** `Request → Response` with admin routes and faults, as served. */
  handle: SimulatorHandle
  /** The Sift routes alone (no faults, no admin), e.g. for `toMswHandlers`. */
  routes: Route[]
  ctx: FraudContext
  faults: FaultModel
}

/** Builds the Sift-shaped fraud simulator's handle and parts, without listening (tests, benches). */
export function createFraud(options: Omit<FraudOptions, 'host' | 'port'> = {}): Fraud {
  const seed = options.seed ?? 1
  const clock = options.clock ?? systemClock
  const idSeed =
    options.idSalt === undefined
      ? deriveSeed(seed, 'fraud', 'ids')
      : deriveSeed(seed, 'fraud', 'ids', options.idSalt)
  const ctx: FraudContext = {
    state: new FraudState(options.recordLimit),
    ids: createVendorIds(createRandom(idSeed)),
    now: () => clock.now(),
    rules: { ...defaultScoringRules, ...options.rules },
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
  }
  const faults = new FaultModel({ seed, stream: 'fraud', clock })
  const routes = [...eventRoutes(ctx), ...scoreRoutes(ctx), ...decisionRoutes(ctx)]
  const reset = (): void => {
    ctx.state.reset()
    faults.reset()
  }
  const handle = createSimulatorHandle({
    admin: [...fraudAdminRoutes(ctx.state, reset), ...faultAdminRoutes(faults)],
    vendor: routes,
    faults,
    shape: {
      errorResponse: ({ status, code, retryAfterS }) =>
        siftErrorResponse(
          status,
          code ??
            (status === 429
              ? fraudErrors['60'].code
              : status >= 500
                ? fraudErrors['-1'].code
                : fraudErrors['50'].code),
          status === 429
            ? 'Rate limited'
            : status >= 500
              ? 'Unexpected server-side error'
              : 'Invalid request',
          { time: epochSeconds(clock.now()) },
          retryAfterS,
        ),
      decodeBody: decodeJsonBody,
      notFound: (request) =>
        siftErrorResponse(
          404,
          fraudErrors['50'].code,
          `No route for ${request.method} ${new URL(request.url).pathname}`,
        ),
      tooLarge: () => siftError(fraudErrors['57'], 'Invalid HTTP body: over the size limit'),
    },
  })
  return { handle, routes, ctx, faults }
}

/**
 * Starts the fraud simulator, shaped after Sift's REST API (Events, Score, Decision Status),
 * with deterministic scores and workflow decisions (accept / watch / block).
 * @example
 * const fraud = await startFraud({ port: 0 })
 * await fetch(`${fraud.url}/v205/events?return_workflow_status=true`, { method: 'POST', body: JSON.stringify({ $type: '$create_order', $api_key: 'k', $user_id: 'u1', $order_id: 'o1', $amount: 19_990_000, $currency_code: 'USD' }) })
 */
export async function startFraud(options: FraudOptions = {}): Promise<SimulatorServer> {
  const fraud = createFraud(options)
  const served = await serve({
    handle: fraud.handle,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return { url: served.url, port: served.port, faults: fraud.faults, close: served.close }
}
