import { textResponse } from '../core/body-channel.js'
import { statusOf, type ErrorCode, type FraudErrorCode } from '../error-codes.js'

/**
 * A fraud error response for a registered code, with the code's status.
 * @example fraudError(fraudErrors.not_found, 'No such assessment: asm_1')
 */
export function fraudError(entry: ErrorCode<FraudErrorCode>, message: string, field?: string): Response {
  return fraudErrorResponse(statusOf(entry), entry.code, message, field)
}

/**
 * The fraud simulator's error shape: `{ error: { code, message, field? } }`. The status is given
 * apart from the code for injected faults, whose rule picks both.
 */
export function fraudErrorResponse(
  status: number,
  code: string,
  message: string,
  field?: string,
  retryAfterS?: number,
): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (retryAfterS !== undefined) headers['retry-after'] = String(retryAfterS)
  return textResponse(JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } }), {
    status,
    headers,
  })
}
