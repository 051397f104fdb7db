import { stripeErrors, stripeErrorTypes } from '../error-codes.js'
import type { VendorShape } from '../faults/with-faults.js'
import { decodeForm } from './wire/form-body.js'
import { docUrl, injectedFailure } from './wire/stripe-error.js'
import { stripeErrorResponse } from './wire/stripe-response.js'

/** How the PSP spells errors the fault layer injects and its own 404 and 413, and how it reads bodies. */
export type PspShape = VendorShape & {
  notFound(request: Request): Response
  tooLarge(request: Request): Response
}

/**
 * The PSP's shape, with request ids (`req_inj…`, counted) of its own: one per simulator instance,
 * so two PSPs in one process never share a sequence.
 * @example createSimulatorHandle({ …, shape: createPspShape() })
 */
export function createPspShape(): PspShape {
  let counter = 0
  const requestId = (): string => `req_inj${(++counter).toString(36).padStart(9, '0')}`
  return {
    errorResponse: ({ status, code, retryAfterS }) =>
      stripeErrorResponse(injectedFailure(status, code), {
        requestId: requestId(),
        shouldRetry: status === 429 || status >= 500,
        ...(retryAfterS !== undefined ? { retryAfterS } : {}),
      }),
    decodeBody: (text) => {
      const decoded = decodeForm(text)
      return decoded.ok ? decoded.value : undefined
    },
    notFound: (request) =>
      stripeErrorResponse(
        {
          status: 404,
          error: {
            type: stripeErrorTypes.invalid_request_error.code,
            message: `Unrecognized request URL (${request.method}: ${new URL(request.url).pathname}).`,
          },
        },
        { requestId: requestId() },
      ),
    tooLarge: () =>
      stripeErrorResponse(
        {
          status: 400,
          error: {
            type: stripeErrorTypes.invalid_request_error.code,
            code: stripeErrors.parameter_invalid_string.code,
            param: '',
            message: 'The request body is too large.',
            doc_url: docUrl(stripeErrors.parameter_invalid_string.code),
          },
        },
        { requestId: requestId(), shouldRetry: false },
      ),
  }
}
