import Fastify, { type FastifyInstance } from 'fastify'
import { adminRoutes } from './admin/admin-routes.js'
import { adminStatusRoutes } from './admin/admin-status-routes.js'
import { registerOpenApi } from './admin/openapi-routes.js'
import { noCrashPoints } from './chaos-hooks/crash-points.js'
import type { AppDeps } from './app-deps.js'
import { createCartService } from './cart/cart-service.js'
import { cartRoutes } from './cart/cart-routes.js'
import { catalogRoutes } from './catalog/catalog-routes.js'
import { checkoutRoutes } from './checkout/checkout-routes.js'
import { checkoutLayers } from './checkout/checkout-layers.js'
import { reviewRoutes } from './checkout/review-routes.js'
import { holdConnectionPerRequest } from './http/connection-per-request.js'
import { installErrorHandling } from './http/error-handler.js'
import { orderRoutes } from './orders/order-routes.js'
import { queueRoutes } from './outbox/queue-routes.js'
import { reconciliationRoutes } from './reconciliation/reconciliation-routes.js'
import { refundRoutes } from './refunds/refund-routes.js'
import { webhookRoutes } from './webhooks/webhook-routes.js'
import { createBreakerBoard } from './vendors/breaker-board.js'

/** Request bodies above this are refused with 413 BODY_TOO_LARGE. */
export const BODY_LIMIT_BYTES = 64 * 1024

/**
 * Builds the commerce API as a fastify app that never listens: `startPlatform` listens, tests
 * use `app.inject()`. Each feature is an encapsulated plugin.
 *
 * @example
 * const app = buildApp({ db, psp, clock: systemClock, ids: createIdGenerator(1, 0), logger, config })
 * const res = await app.inject({ method: 'GET', url: '/v1/products' })
 */
export function buildApp(deps: AppDeps): FastifyInstance {
  const { db, config } = deps
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    return503OnClosing: true,
  })
  installErrorHandling(app)
  // First: it learns the routes as they register.
  registerOpenApi(app)
  holdConnectionPerRequest(app, db)
  const carts = createCartService(deps)
  const { core, idempotency } = checkoutLayers(deps)
  app.register(catalogRoutes, { db })
  app.register(cartRoutes, { carts })
  app.register(checkoutRoutes, { checkouts: core, idempotency })
  if (deps.saga) {
    app.register(reviewRoutes, {
      saga: {
        db,
        clock: deps.clock,
        vendors: deps.saga,
        safeguards: config.safeguards,
        ...(deps.crashPoints ? { crashPoints: deps.crashPoints } : {}),
      },
    })
  }
  app.register(orderRoutes, { db })
  app.register(refundRoutes, { deps })
  app.register(adminRoutes, { db, crashPoints: deps.crashPoints ?? noCrashPoints })
  app.register(reconciliationRoutes, { deps })
  app.register(queueRoutes, { db, ...(deps.brokerPending ? { brokerPending: deps.brokerPending } : {}) })
  app.register(adminStatusRoutes, {
    safeguards: config.safeguards,
    breakers: deps.breakers ?? createBreakerBoard(deps.clock),
  })
  app.register(webhookRoutes, {
    db,
    clock: deps.clock,
    safeguards: config.safeguards,
    webhookSecret: config.webhookSecret,
    ...(deps.crashPoints ? { crashPoints: deps.crashPoints } : {}),
  })
  return app
}
