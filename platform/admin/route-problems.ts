import type { ProblemCode } from '../http/problem.js'

/**
 * The problem codes each route answers beyond those every route may ({@link COMMON_PROBLEMS}),
 * keyed `METHOD /path` as fastify registers it. The routes throw these from their handlers (or
 * map a service's outcome to them), which their schemas cannot say: the OpenAPI document takes
 * them from here.
 */
export const ROUTE_PROBLEMS: Readonly<Record<string, readonly ProblemCode[]>> = {
  'GET /v1/products/:sku': ['PRODUCT_NOT_FOUND'],
  'GET /v1/carts/:id': ['CART_NOT_FOUND'],
  'POST /v1/carts/:id/items': ['CART_NOT_FOUND', 'UNKNOWN_SKU', 'INSUFFICIENT_STOCK', 'CURRENCY_MISMATCH'],
  // checkout/checkout-response.ts and the idempotency layer in checkout/checkout-routes.ts.
  'POST /v1/checkouts': [
    'IDEMPOTENCY_KEY_REQUIRED',
    'IDEMPOTENCY_KEY_INVALID',
    'IDEMPOTENCY_KEY_IN_USE',
    'IDEMPOTENCY_KEY_REUSED',
    'CARD_DECLINED',
    'PAYMENT_ACTION_REQUIRED',
    'CART_NOT_FOUND',
    'CART_EMPTY',
    'INSUFFICIENT_STOCK',
    'FRAUD_REJECTED',
    'PSP_UNAVAILABLE',
    'PSP_REJECTED',
    'PSP_CIRCUIT_OPEN',
    'TAX_UNAVAILABLE',
    'FRAUD_UNAVAILABLE',
  ],
  'GET /v1/orders/:id': ['ORDER_NOT_FOUND'],
  'POST /v1/orders/:id/refunds': [
    'ORDER_NOT_FOUND',
    'ORDER_NOT_REFUNDABLE',
    'REFUND_EXCEEDS_CAPTURED',
    'IDEMPOTENCY_KEY_REQUIRED',
    'IDEMPOTENCY_KEY_INVALID',
    'IDEMPOTENCY_KEY_REUSED',
    'PSP_REJECTED',
    'PSP_UNAVAILABLE',
  ],
  'POST /v1/orders/:id/cancel': [
    'ORDER_NOT_FOUND',
    'ORDER_NOT_CANCELLABLE',
    'IDEMPOTENCY_KEY_REQUIRED',
    'IDEMPOTENCY_KEY_INVALID',
    'IDEMPOTENCY_KEY_REUSED',
    'PSP_REJECTED',
    'PSP_UNAVAILABLE',
  ],
  'POST /__admin/reconcile': ['PSP_UNAVAILABLE'],
  'POST /v1/webhooks/psp': ['WEBHOOK_SIGNATURE_INVALID', 'MALFORMED_JSON', 'SERVICE_UNAVAILABLE'],
  'POST /__admin/orders/:id/review': ['ORDER_NOT_FOUND', 'ORDER_NOT_HELD'],
  'PUT /__admin/products/:sku/stock': ['UNKNOWN_SKU'],
}

/** What any route may answer: a failure the error handler hides. */
export const COMMON_PROBLEMS: readonly ProblemCode[] = [
  'INTERNAL_ERROR',
  'DB_POOL_EXHAUSTED',
  'DB_UNAVAILABLE',
]

/** What any route with a body or parameters may answer as well. */
export const INPUT_PROBLEMS: readonly ProblemCode[] = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
]
