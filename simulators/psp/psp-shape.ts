import type { VendorShape } from '../faults/with-faults.js'
import { decodeForm } from './form-body.js'
import { docUrl, injectedFailure } from './stripe-error.js'
import { stripeErrorResponse } from './stripe-response.js'

let counter = 0
const requestId = (): string => `req_inj${(++counter).toString(36).padStart(9, '0')}`

/** How the PSP spells errors the fault layer injects, and how it reads bodies for matching. */
export const pspShape: VendorShape & {
  notFound(request: Request): Response
  tooLarge(request: Request): Response
} = {
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
          type: 'invalid_request_error',
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
          type: 'invalid_request_error',
          code: 'parameter_invalid_string',
          param: '',
          message: 'The request body is too large.',
          doc_url: docUrl('parameter_invalid_string'),
        },
      },
      { requestId: requestId(), shouldRetry: false },
    ),
}
