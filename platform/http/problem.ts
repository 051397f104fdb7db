/** Every problem code the platform's API answers with; stable, part of the API. */
export const PROBLEM_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The body is not valid JSON' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'An Idempotency-Key header is required' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, title: 'The Idempotency-Key header is not valid' },
  CARD_DECLINED: { status: 402, title: 'The card was declined' },
  PAYMENT_ACTION_REQUIRED: { status: 402, title: 'The payment needs customer action' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  CART_NOT_FOUND: { status: 404, title: 'No such cart' },
  ORDER_NOT_FOUND: { status: 404, title: 'No such order' },
  PRODUCT_NOT_FOUND: { status: 404, title: 'No such product' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  BODY_TOO_LARGE: { status: 413, title: 'The body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The content type is not supported' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The Idempotency-Key was used with another request' },
  UNKNOWN_SKU: { status: 422, title: 'No such product' },
  INSUFFICIENT_STOCK: { status: 422, title: 'Not enough stock' },
  CURRENCY_MISMATCH: { status: 422, title: 'The currencies do not match' },
  CART_EMPTY: { status: 422, title: 'The cart is empty' },
  FRAUD_REJECTED: { status: 422, title: 'The order was refused by fraud screening' },
  ORDER_NOT_HELD: { status: 409, title: 'The order is not held for review' },
  ORDER_NOT_REFUNDABLE: { status: 409, title: 'The order cannot be refunded' },
  ORDER_NOT_CANCELLABLE: { status: 409, title: 'The order cannot be cancelled' },
  REFUND_EXCEEDS_CAPTURED: { status: 422, title: 'The refund is more than the capture has left' },
  WEBHOOK_SIGNATURE_INVALID: { status: 400, title: 'The webhook signature is not valid' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
  PSP_UNAVAILABLE: { status: 502, title: 'The payment provider did not answer' },
  PSP_REJECTED: { status: 502, title: 'The payment provider refused the request' },
  TAX_UNAVAILABLE: { status: 503, title: 'The tax service is failing' },
  FRAUD_UNAVAILABLE: { status: 503, title: 'The fraud-screening service is failing' },
  PSP_CIRCUIT_OPEN: { status: 503, title: 'Payments are paused: the payment provider is failing' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'The service is unavailable' },
  DB_POOL_EXHAUSTED: { status: 503, title: 'No database connection came free in time' },
  DB_UNAVAILABLE: { status: 503, title: 'The database cannot be reached' },
} as const satisfies Record<string, { status: number; title: string }>

/** One problem code. */
export type ProblemCode = keyof typeof PROBLEM_CODES

/** An RFC 9457 problem details body, with the platform's stable `code` and any extension members. */
export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  code: ProblemCode
  [extension: string]: unknown
}

/** Builds the body for `code`; `extra` adds extension members (e.g. `orderId`). */
export function problemBody(
  code: ProblemCode,
  detail: string,
  extra: Record<string, unknown> = {},
): ProblemBody {
  const { status, title } = PROBLEM_CODES[code]
  return { type: problemType(code), title, status, detail, code, ...extra }
}

/** The `type` URI of a code, e.g. `urn:gameday:problem:card-declined`. */
export function problemType(code: ProblemCode): string {
  return `urn:gameday:problem:${code.toLowerCase().replace(/_/g, '-')}`
}

/** The content type of every problem response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/**
 * A 4xx/5xx the routes throw; the error handler turns it into problem+json. For expected
 * business outcomes services return results, and routes throw this only at the HTTP edge.
 */
export class ProblemError extends Error {
  readonly status: number
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail)
    this.name = 'ProblemError'
    this.status = PROBLEM_CODES[code].status
  }
}
