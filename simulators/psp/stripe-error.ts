/** The `error` object of a Stripe error response. */
export interface StripeErrorBody {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error'
  message: string
  code?: string
  decline_code?: string
  param?: string
  doc_url?: string
  payment_intent?: unknown
  charge?: string
  payment_method?: unknown
}

/** A Stripe error with its HTTP status, before it becomes a response. */
export interface StripeFailure {
  status: number
  error: StripeErrorBody
}

/** Stripe documents each error code at a URL derived from the code. */
export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`
}

/** A 400 invalid_request_error naming the parameter at fault. */
export function invalidParam(
  param: string,
  message: string,
  code = 'parameter_invalid_string',
): StripeFailure {
  return {
    status: 400,
    error: { type: 'invalid_request_error', code, param, message, doc_url: docUrl(code) },
  }
}

/** A 404 for an object that does not exist. */
export function resourceMissing(param: string, id: string, kind: string): StripeFailure {
  return {
    status: 404,
    error: {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param,
      message: `No such ${kind}: '${id}'`,
      doc_url: docUrl('resource_missing'),
    },
  }
}

/** A 400 for an operation the object's state does not allow. */
export function unexpectedState(message: string, code = 'payment_intent_unexpected_state'): StripeFailure {
  return { status: 400, error: { type: 'invalid_request_error', code, message, doc_url: docUrl(code) } }
}

/** A vendor-shaped error for the fault layer: api_error for 5xx, rate_limit for 429. */
export function injectedFailure(status: number, code?: string): StripeFailure {
  if (status === 429)
    return {
      status,
      error: {
        type: 'invalid_request_error',
        code: code ?? 'rate_limit',
        message:
          'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
        doc_url: docUrl('rate_limit'),
      },
    }
  if (status >= 500)
    return {
      status,
      error: {
        type: 'api_error',
        message: 'An unknown error occurred',
        ...(code !== undefined ? { code, doc_url: docUrl(code) } : {}),
      },
    }
  return {
    status,
    error: {
      type: 'invalid_request_error',
      message: 'The request could not be processed',
      ...(code !== undefined ? { code, doc_url: docUrl(code) } : {}),
    },
  }
}
