import { textResponse } from '../core/body-channel.js'

/** An AvaTax error response: `{ error: { code, message, target, details: [...] } }`. */
export function avataxError(
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
