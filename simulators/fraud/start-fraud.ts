import { systemClock, type Clock } from '../../lib/clock.js'
import { createRandom, deriveSeed } from '../../lib/random.js'
import { json, decodeJsonBody } from '../core/json-response.js'
import { serve } from '../core/serve.js'
import { createSimulatorHandle } from '../core/simulator-handle.js'
import { createVendorIds } from '../core/vendor-ids.js'
import { fraudErrors } from '../error-codes.js'
import { faultAdminRoutes } from '../faults/fault-admin-routes.js'
import { FaultModel } from '../faults/fault-model.js'
import type { SimulatorServer } from '../tax/start-tax.js'
import { assessmentRoutes, type FraudContext } from './assessment-routes.js'
import { fraudError, fraudErrorResponse } from './fraud-error.js'
import { defaultScoringRules, type ScoringRules } from './score-assessment.js'

/** Options of {@link startFraud}. */
export interface FraudOptions {
  /** @default '127.0.0.1' */
  host?: string
  /** 0 = any free port. @default 0 */
  port?: number
  /** Seeds ids and fault draws (scores depend only on the input). @default 1 */
  seed?: number
  /** Stamps assessments, times fault schedules and injected delays. @default systemClock */
  clock?: Clock
  /** Thresholds and amount rules (partial: the rest defaulted). */
  rules?: Partial<ScoringRules>
}

/**
 * Starts the fraud simulator: deterministic risk assessments with accept / review / reject.
 * @example
 * const fraud = await startFraud({ port: 0 })
 * await fetch(`${fraud.url}/v1/assessments`, { method: 'POST', body: JSON.stringify({ orderId, email, amount: 1999, currency: 'usd' }) })
 */
export async function startFraud(options: FraudOptions = {}): Promise<SimulatorServer> {
  const seed = options.seed ?? 1
  const clock = options.clock ?? systemClock
  const ctx: FraudContext = {
    assessments: new Map(),
    byIdempotencyKey: new Map(),
    ids: createVendorIds(createRandom(deriveSeed(seed, 'fraud', 'ids'))),
    now: () => clock.now(),
    rules: { ...defaultScoringRules, ...options.rules },
  }
  const faults = new FaultModel({ seed, stream: 'fraud', clock })
  const handle = createSimulatorHandle({
    admin: [
      {
        method: 'GET',
        path: '/__admin/ledger',
        handle: () => json(200, { entries: [...ctx.assessments.values()] }),
      },
      {
        method: 'POST',
        path: '/__admin/reset',
        handle: () => {
          ctx.assessments.clear()
          ctx.byIdempotencyKey.clear()
          faults.reset()
          return json(200, { reset: true })
        },
      },
      ...faultAdminRoutes(faults),
    ],
    vendor: assessmentRoutes(ctx),
    faults,
    shape: {
      errorResponse: ({ status, code, retryAfterS }) =>
        fraudErrorResponse(
          status,
          code ??
            (status === 429
              ? fraudErrors.rate_limited.code
              : status >= 500
                ? fraudErrors.service_unavailable.code
                : fraudErrors.bad_request.code),
          status === 429 ? 'Too many requests' : 'The assessment could not be made',
          undefined,
          retryAfterS,
        ),
      decodeBody: decodeJsonBody,
      notFound: (request) =>
        fraudError(fraudErrors.not_found, `No route for ${request.method} ${new URL(request.url).pathname}`),
      tooLarge: () => fraudError(fraudErrors.body_too_large, 'The request body is too large'),
    },
  })
  const served = await serve({
    handle,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return { url: served.url, port: served.port, faults, close: served.close }
}
