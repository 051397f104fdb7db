import { textResponse } from '../core/body-channel.js'
import { statusOf, type ErrorCode, type FraudErrorCode } from '../error-codes.js'

/** What Sift echoes beside an error: when it was received (seconds) and the body sent. */
export interface SiftEcho {
  /** Seconds since the epoch. */
  time?: number
  /** The request body as received. */
  request?: string
}

/**
 * A Sift error for a registered status, answered with the code's HTTP status.
 * @example siftError(fraudErrors['55'], 'Missing required field: $user_id', { time, request })
 */
export function siftError(entry: ErrorCode<FraudErrorCode>, message: string, echo: SiftEcho = {}): Response {
  return siftErrorResponse(statusOf(entry), entry.code, message, echo)
}

/**
 * Sift's error body: `{ status, error_message, time?, request? }`, `status` a non-zero integer.
 * The HTTP status is given apart from the code for injected faults, whose rule picks both; a
 * rule's own code that is not an integer is answered as given, to see how a client meets it.
 */
export function siftErrorResponse(
  httpStatus: number,
  code: string,
  message: string,
  echo: SiftEcho = {},
  retryAfterS?: number,
): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (retryAfterS !== undefined) headers['retry-after'] = String(retryAfterS)
  const status = /^-?\d{1,6}$/.test(code) ? Number(code) : code
  return textResponse(JSON.stringify({ status, error_message: message, ...echo }), {
    status: httpStatus,
    headers,
  })
}
