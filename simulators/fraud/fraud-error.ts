import { textResponse } from '../core/body-channel.js'

/** The fraud simulator's error shape: `{ error: { code, message, field? } }`. */
export function fraudError(
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
