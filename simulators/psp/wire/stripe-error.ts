import {
  statusOf,
  stripeErrors,
  stripeErrorTypes,
  type ErrorCode,
  type StripeDeclineCode,
  type StripeErrorCode,
} from '../../error-codes.js'

/** The `error` object of a Stripe error response; codes come from the registry (error-codes.ts). */
export interface StripeErrorBody {
  type: keyof typeof stripeErrorTypes | 'card_error'
  message: string
  code?: StripeErrorCode
  decline_code?: StripeDeclineCode
  param?: string
  doc_url?: string
  payment_intent?: unknown
  setup_intent?: unknown
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
  entry: ErrorCode<StripeErrorCode> = stripeErrors.parameter_invalid_string,
): StripeFailure {
  return {
    status: statusOf(entry),
    error: {
      type: stripeErrorTypes.invalid_request_error.code,
      code: entry.code,
      param,
      message,
      doc_url: docUrl(entry.code),
    },
  }
}

/** A card_error (402) with its decline code, as a declined test card answers. */
export function cardError(
  entry: ErrorCode<StripeErrorCode>,
  message: string,
  extra: Partial<StripeErrorBody> = {},
): StripeFailure {
  return {
    status: statusOf(entry),
    error: { type: 'card_error', code: entry.code, message, doc_url: docUrl(entry.code), ...extra },
  }
}

/** A 404 for an object that does not exist. */
export function resourceMissing(param: string, id: string, kind: string): StripeFailure {
  return invalidParam(param, `No such ${kind}: '${id}'`, stripeErrors.resource_missing)
}

/** A 400 for an operation the object's state does not allow. */
export function unexpectedState(
  message: string,
  entry: ErrorCode<StripeErrorCode> = stripeErrors.payment_intent_unexpected_state,
): StripeFailure {
  return {
    status: statusOf(entry),
    error: {
      type: stripeErrorTypes.invalid_request_error.code,
      code: entry.code,
      message,
      doc_url: docUrl(entry.code),
    },
  }
}

/**
 * A vendor-shaped error for the fault layer: `rate_limit` for 429, `api_error` for 5xx.
 * @note `code` is the fault rule's own (`effect.code`): the caller chose it, so it is passed
 * through unregistered, as a test of how a client handles a code it does not know.
 */
export function injectedFailure(status: number, code?: string): StripeFailure {
  // The rule's code is free text by design; the body type keeps registered codes for our own errors.
  const own = code as StripeErrorCode | undefined
  if (status === 429)
    return {
      status,
      error: {
        type: stripeErrorTypes.invalid_request_error.code,
        code: own ?? stripeErrors.rate_limit.code,
        message:
          'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
        doc_url: docUrl(own ?? stripeErrors.rate_limit.code),
      },
    }
  if (status >= 500)
    return {
      status,
      error: {
        type: stripeErrorTypes.api_error.code,
        message: 'An unknown error occurred',
        ...(own !== undefined ? { code: own, doc_url: docUrl(own) } : {}),
      },
    }
  return {
    status,
    error: {
      type: stripeErrorTypes.invalid_request_error.code,
      message: 'The request could not be processed',
      ...(own !== undefined ? { code: own, doc_url: docUrl(own) } : {}),
    },
  }
}
