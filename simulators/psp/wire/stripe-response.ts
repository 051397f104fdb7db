import { textResponse } from '../../core/body-channel.js'
import { internalHeaders } from '../../core/internal-headers.js'
import type { StripeFailure } from './stripe-error.js'

/** The API version answered when a request names none (the one stripe-node 23 pins). */
export const defaultStripeVersion = '2026-10-28.endive'

/** Headers every Stripe response carries. */
export interface StripeResponseHeaders {
  requestId: string
  stripeVersion?: string | null
  idempotencyKey?: string | null
  replayed?: boolean
  shouldRetry?: boolean
  retryAfterS?: number
  /** Marks an operation performed now, for the fault layer's ambiguous success. */
  operation?: boolean
}

/** A JSON response with Stripe's headers. */
export function stripeJson(status: number, body: string, h: StripeResponseHeaders): Response {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'request-id': h.requestId,
    'stripe-version': h.stripeVersion ?? defaultStripeVersion,
    'access-control-allow-origin': '*',
  }
  if (h.idempotencyKey) headers['idempotency-key'] = h.idempotencyKey
  if (h.replayed) headers['idempotent-replayed'] = 'true'
  if (h.shouldRetry !== undefined) headers['stripe-should-retry'] = String(h.shouldRetry)
  if (h.retryAfterS !== undefined) headers['retry-after'] = String(h.retryAfterS)
  if (h.operation) headers[internalHeaders.operation] = 'new'
  return textResponse(body, { status, headers })
}

/** A Stripe error response (`{ error: { type, code, message, param, … } }`). */
export function stripeErrorResponse(failure: StripeFailure, h: StripeResponseHeaders): Response {
  return stripeJson(failure.status, JSON.stringify({ error: failure.error }), h)
}
