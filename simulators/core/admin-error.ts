import { statusOf, type AdminErrorCode, type ErrorCode } from '../error-codes.js'
import { json } from './json-response.js'

/**
 * An admin API error, `{ error: { code, message, …extra } }`, with the code's registered status.
 * @example adminError(adminErrors.FAULT_RULE_NOT_FOUND, 'Failed to remove fault rule (rule-9): no such rule')
 */
export function adminError(
  entry: ErrorCode<AdminErrorCode>,
  message: string,
  extra: Record<string, unknown> = {},
): Response {
  return json(statusOf(entry), { error: { code: entry.code, message, ...extra } })
}
