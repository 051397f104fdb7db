import { systemClock, type Clock } from '../../lib/clock.js'
import { createRandom, deriveSeed, entropyHex } from '../../lib/random.js'
import type { Route } from '../core/router.js'
import { serve, type SimulatorHandle } from '../core/serve.js'
import { createSimulatorHandle } from '../core/simulator-handle.js'
import { createVendorIds } from '../core/vendor-ids.js'
import { faultAdminRoutes } from '../faults/fault-admin-routes.js'
import { FaultModel } from '../faults/fault-model.js'
import { authenticateRoute } from './intents/authenticate-route.js'
import { balanceTransactionEndpoints } from './balance/balance-transaction-endpoints.js'
import { chargeEndpoints } from './charges/charge-endpoints.js'
import { disputeEndpoints } from './disputes/dispute-endpoints.js'
import { intentExtraEndpoints } from './intents/intent-extra-endpoints.js'
import { setupIntentAuthenticateRoute } from './setup-intents/setup-intent-authenticate-route.js'
import { setupIntentEndpoints } from './setup-intents/setup-intent-endpoints.js'
import { customerEndpoints } from './customers/customer-endpoints.js'
import { eventEndpoints } from './events/event-endpoints.js'
import { IdempotencyStore } from './wire/idempotency-store.js'
import { paymentIntentEndpoints } from './intents/payment-intent-endpoints.js'
import { paymentMethodEndpoints } from './payment-methods/payment-method-endpoints.js'
import { pspAdminRoutes } from './psp-admin-routes.js'
import type { PspContext } from './psp-context.js'
import { createPspShape } from './psp-shape.js'
import { PspState } from './psp-state.js'
import { refundEndpoints } from './charges/refund-endpoints.js'
import { searchEndpoints } from './search/search-endpoints.js'
import { renderIntent } from './render-objects.js'
import { toRoute } from './wire/stripe-endpoint.js'
import { webhookAdminRoutes } from './webhooks/webhook-admin-routes.js'
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js'
import { webhookEndpointEndpoints } from './webhooks/webhook-endpoint-endpoints.js'
import type { WebhookRetryPolicy } from './webhooks/webhook-records.js'

/** Options of {@link startPsp}. */
export interface PspOptions {
  /** @default '127.0.0.1' */
  host?: string
  /** 0 = any free port. @default 0 */
  port?: number
  /** Seeds ids, webhook secrets and every fault draw. @default 1 */
  seed?: number
  /**
   * Mixed into the seed of what the server mints (object ids, webhook secrets) and nothing else,
   * so ids never repeat across starts while the same seed still replays every fault and outcome.
   * Pass the same salt to get the same ids too. @default fresh entropy per start
   */
  idSalt?: string
  /** The one secret key accepted; when absent any `sk_test_…` key is. */
  apiKey?: string
  /** Stamps objects and events, times fault schedules, injected delays and webhook retries. @default systemClock */
  clock?: Clock
  /** The `whsec_…` secret of the endpoints registered at start; minted per start when absent. */
  webhookSecret?: string
  /** Endpoints registered at start, signed with `webhookSecret`; each receives every event type unless told. */
  webhookEndpoints?: Array<{ url: string; enabledEvents?: string[] }>
  /** Retry policy of webhook deliveries (partial: the rest defaulted). */
  webhookRetry?: Partial<WebhookRetryPolicy>
  /** Events kept for `/v1/events`, newest first. @default 100_000 */
  eventLimit?: number
  /** Idempotency keys kept (besides the 24 h expiry), oldest evicted first. @default 1_000_000 */
  idempotencyKeyLimit?: number
}

/** A running PSP simulator. */
export interface PspServer {
  /** Base URL, e.g. `http://127.0.0.1:12111`. */
  url: string
  port: number
  /** The `whsec_…` secret of the endpoints registered at start (every other endpoint has its own). */
  webhookSecret: string
  /** The fault model (also reachable over `/__admin/faults`). */
  faults: FaultModel
  close(): Promise<void>
}

const defaultRetry: WebhookRetryPolicy = {
  maxAttempts: 8,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
  concurrency: 16,
}

/** The PSP simulator before it listens: its handle, its routes (for msw), its state. */
export interface Psp {
  /** `Request → Response` with admin routes and faults, as served. */
  handle: SimulatorHandle
  /** The Stripe routes alone (no faults, no admin), e.g. for `toMswHandlers`. */
  routes: Route[]
  ctx: PspContext
  faults: FaultModel
  webhookSecret: string
}

/** Builds the PSP's `Request → Response` handle and its parts, without listening (tests, benches). */
export function createPsp(options: Omit<PspOptions, 'host' | 'port'> = {}): Psp {
  const seed = options.seed ?? 1
  const clock = options.clock ?? systemClock
  const now = (): number => clock.now()
  const salt = options.idSalt ?? entropyHex(8)
  const ids = createVendorIds(createRandom(deriveSeed(seed, 'psp', 'ids', salt)))
  const secrets = createVendorIds(createRandom(deriveSeed(seed, 'psp', 'webhook-secrets', salt)))
  const mintSecret = (): string => `whsec_${secrets.random(32)}`
  const webhookSecret = options.webhookSecret ?? mintSecret()
  const faults = new FaultModel({ seed, stream: 'psp', clock })
  const webhooks = new WebhookDispatcher({
    mintSecret,
    faults,
    ids,
    clock,
    random: createRandom(deriveSeed(seed, 'psp', 'webhook-backoff')),
    retry: { ...defaultRetry, ...options.webhookRetry },
  })
  const state = new PspState(options.eventLimit)
  const ctx: PspContext = {
    state,
    renderIntentJson: (pi) => JSON.stringify(renderIntent(pi, state)),
    ids,
    now,
    idempotency: new IdempotencyStore(86_400_000, options.idempotencyKeyLimit),
    webhooks,
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
  }
  ctx.state.onEvent((event) => webhooks.dispatch(event))
  ctx.state.clockMs = now
  for (const endpoint of options.webhookEndpoints ?? [])
    webhooks.addEndpoint({ ...endpoint, secret: webhookSecret })
  const endpoints = [
    ...paymentIntentEndpoints,
    ...refundEndpoints,
    ...chargeEndpoints,
    ...intentExtraEndpoints,
    ...balanceTransactionEndpoints,
    ...disputeEndpoints,
    ...setupIntentEndpoints,
    ...customerEndpoints,
    ...paymentMethodEndpoints,
    ...eventEndpoints,
    ...searchEndpoints,
    ...webhookEndpointEndpoints,
  ]
  const reset = (): void => {
    faults.reset()
    webhooks.reset()
  }
  const routes = endpoints.map((endpoint) => toRoute(ctx, endpoint))
  const handle = createSimulatorHandle({
    admin: [
      ...pspAdminRoutes(ctx, reset),
      authenticateRoute(ctx),
      setupIntentAuthenticateRoute(ctx),
      ...faultAdminRoutes(faults),
      ...webhookAdminRoutes(webhooks),
    ],
    vendor: routes,
    faults,
    shape: createPspShape(),
  })
  return { handle, routes, ctx, faults, webhookSecret }
}

/**
 * Starts the Stripe-compatible PSP simulator on a real HTTP server.
 * @example
 * const psp = await startPsp({ port: 0, seed: 7 })
 * const stripe = new Stripe('sk_test_123', { host: '127.0.0.1', port: psp.port, protocol: 'http' })
 */
export async function startPsp(options: PspOptions = {}): Promise<PspServer> {
  const psp = createPsp(options)
  const served = await serve({
    handle: psp.handle,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return {
    url: served.url,
    port: served.port,
    webhookSecret: psp.webhookSecret,
    faults: psp.faults,
    close: async () => {
      psp.ctx.webhooks.close()
      await served.close()
    },
  }
}
