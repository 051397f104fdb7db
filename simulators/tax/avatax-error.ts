import { textResponse } from '../core/body-channel.js'
import { statusOf, type AvataxErrorCode, type ErrorCode } from '../error-codes.js'

/**
 * AvaTax's error numbers (`details[].number`), from its published error list; codes of our own
 * (routing, size, injected faults) carry 0.
 */
const numbers: Partial<Record<AvataxErrorCode, number>> = {
  EntityNotFoundError: 4,
  ValueRequiredError: 5,
  RangeError: 6,
  AuthenticationException: 30,
  AuthenticationIncomplete: 34,
  BasicAuthIncorrect: 35,
  ModelRequiredException: 38,
  ModelStateInvalid: 70,
  TransactionAlreadyCancelled: 198,
  DocumentCodeConflict: 303,
  InvalidDocumentStatusForRefund: 700,
  CannotModifyLockedTransaction: 1100,
  InvalidDocumentType: 1310,
}

/** Where AvaTax says the fault lies (`error.target`, an `ErrorTargetCode` name). */
function targetOf(status: number, code: string, field: string | undefined): string {
  if (status === 401) return 'HttpRequestHeaders'
  if (status >= 500) return 'Unknown'
  if (field !== undefined || code === 'ModelRequiredException') return 'IncorrectData'
  return 'HttpRequest'
}

/** What an error says beyond its code: the summary, and optionally a longer description and the field. */
export interface AvataxErrorText {
  message: string
  description?: string
  /** The field at fault (`details[0].refersTo`), e.g. `lines[0].amount`. */
  refersTo?: string
}

/**
 * An AvaTax error response for a registered code, with the code's status.
 * @example avataxError(avataxErrors.EntityNotFoundError, { message: "Transaction 'x' for company 'c' not found." })
 */
export function avataxError(entry: ErrorCode<AvataxErrorCode>, text: AvataxErrorText): Response {
  return avataxErrorResponse(statusOf(entry), entry.code, text)
}

/**
 * An AvaTax error response: `{ error: { code, message, target, details: [{ code, number, message,
 * description, faultCode, helpLink, refersTo?, severity }] } }`. The status is given apart from the
 * code for injected faults, whose rule picks both.
 */
export function avataxErrorResponse(
  status: number,
  code: string,
  text: AvataxErrorText,
  retryAfterS?: number,
): Response {
  const body = {
    error: {
      code,
      message: text.message,
      target: targetOf(status, code, text.refersTo),
      details: [
        {
          code,
          number: numbers[code as AvataxErrorCode] ?? 0,
          message: text.message,
          description: text.description ?? text.message,
          faultCode: status >= 500 ? 'Server' : 'Client',
          helpLink: `http://developer.avalara.com/avatax/errors/${code}`,
          ...(text.refersTo !== undefined ? { refersTo: text.refersTo } : {}),
          severity: status === 401 || status >= 500 ? 'Exception' : 'Error',
        },
      ],
    },
  }
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
  if (retryAfterS !== undefined) headers['retry-after'] = String(retryAfterS)
  return textResponse(JSON.stringify(body), { status, headers })
}
