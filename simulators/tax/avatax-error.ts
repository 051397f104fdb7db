import { textResponse } from '../core/body-channel.js'
import { statusOf, type AvataxErrorCode, type ErrorCode } from '../error-codes.js'

/**
 * An AvaTax error response for a registered code, with the code's status.
 * @example avataxError(avataxErrors.EntityNotFoundError, "Transaction 'x' for company 'c' not found.")
 */
export function avataxError(entry: ErrorCode<AvataxErrorCode>, message: string, field?: string): Response {
  return avataxErrorResponse(statusOf(entry), entry.code, message, field)
}

/**
 * An AvaTax error response: `{ error: { code, message, target, details: [...] } }`. The status
 * is given apart from the code for injected faults, whose rule picks both.
 */
export function avataxErrorResponse(
  status: number,
  code: string,
  message: string,
  field?: string,
  retryAfterS?: number,
): Response {
  const body = {
    error: {
      code,
      message,
      target: status >= 500 ? 'Unknown' : field ? 'IncorrectData' : 'HttpRequest',
      details: [
        {
          code,
          number: status >= 500 ? 0 : 13,
          message,
          description: field ? `The field ${field} is invalid.` : message,
          faultCode: status >= 500 ? 'Server' : 'Client',
          helpLink: `https://developer.avalara.com/avatax/errors/${code}`,
          ...(field ? { refersTo: field } : {}),
          severity: 'Error',
        },
      ],
    },
  }
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
  if (retryAfterS !== undefined) headers['retry-after'] = String(retryAfterS)
  return textResponse(JSON.stringify(body), { status, headers })
}
