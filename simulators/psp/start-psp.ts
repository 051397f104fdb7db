import { createIdGenerator } from '../core/ids.js'
import { createRng } from '../core/rng.js'
import { serve } from '../core/serve.js'
import { createSimulatorHandle } from '../core/simulator-handle.js'
import { faultAdminRoutes } from '../faults/fault-admin-routes.js'
import { FaultModel } from '../faults/fault-model.js'
import { IdempotencyStore } from './idempotency-store.js'
import { paymentIntentEndpoints } from './payment-intent-endpoints.js'
import { pspAdminRoutes } from './psp-admin-routes.js'
import type { PspContext } from './psp-context.js'
import { pspShape } from './psp-shape.js'
import { PspState } from './psp-state.js'
import { toRoute } from './stripe-endpoint.js'

/** Options of {@link startPsp}. */
export interface PspOptions {
  /** @default '127.0.0.1' */
  host?: string
  /** 0 = any free port. @default 0 */
  port?: number
  /** Seeds ids, the webhook secret and every fault draw. @default 1 */
  seed?: number
  /** The one secret key accepted; when absent any `sk_test_…` key is. */
  apiKey?: string
  /** Clock in ms since the epoch. @default Date.now */
  now?: () => number
}

/** A running PSP simulator. */
export interface PspServer {
  /** Base URL, e.g. `http://127.0.0.1:12111`. */
  url: string
  port: number
  /** The `whsec_…` secret webhooks are signed with. */
  webhookSecret: string
  /** The fault model (also reachable over `/__admin/faults`). */
  faults: FaultModel
  close(): Promise<void>
}

/**
 * Starts the Stripe-compatible PSP simulator on a real HTTP server.
 * @example
 * const psp = await startPsp({ port: 0, seed: 7 })
 * const stripe = new Stripe('sk_test_123', { host: '127.0.0.1', port: psp.port, protocol: 'http' })
 */
export async function startPsp(options: PspOptions = {}): Promise<PspServer> {
  const rng = createRng(options.seed ?? 1)
  const now = options.now ?? Date.now
  const ctx: PspContext = {
    state: new PspState(),
    ids: createIdGenerator(rng.fork('ids')),
    now,
    idempotency: new IdempotencyStore(),
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
  }
  const webhookSecret = `whsec_${createIdGenerator(rng.fork('webhook-secret')).random(32)}`
  const faults = new FaultModel(rng.fork('faults'), now)
  const handle = createSimulatorHandle({
    admin: [...pspAdminRoutes(ctx, () => faults.reset()), ...faultAdminRoutes(faults)],
    vendor: paymentIntentEndpoints.map((endpoint) => toRoute(ctx, endpoint)),
    faults,
    shape: pspShape,
  })
  const served = await serve({
    handle,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return { url: served.url, port: served.port, webhookSecret, faults, close: served.close }
}
