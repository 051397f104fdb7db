import { bodyText } from '../core/body-channel.js'
import { internalHeaders } from '../core/internal-headers.js'
import type { Route } from '../core/router.js'
import { avataxErrors } from '../error-codes.js'
import { takeFaultDelay } from '../faults/fault-delay.js'
import { authenticate, type TaxCredentials } from './authenticate.js'
import { avataxError } from './avatax-error.js'
import type { DocumentIds } from './document-ids.js'
import type { TaxState } from './tax-state.js'

/** What every tax endpoint works with. */
export interface TaxContext {
  state: TaxState
  ids: DocumentIds
  now: () => number
  credentials: TaxCredentials
}

/** One call, as a handler sees it: path parameters (AvaTax-decoded), the query, the JSON body. */
export interface TaxCall {
  request: Request
  params: Record<string, string>
  query: URLSearchParams
  /** The parsed body: always a JSON object for routes that take one. */
  body: Record<string, unknown>
}

// AvaTax's own escapes for characters a path segment cannot carry (documented on every route).
const escapes: Array<[string, string]> = [
  ['_-ava2f-_', '/'],
  ['_-ava2b-_', '+'],
  ['_-ava3f-_', '?'],
  ['_-ava25-_', '%'],
  ['_-ava23-_', '#'],
]
const unescape = (segment: string): string =>
  escapes.reduce((text, [escape, char]) => text.split(escape).join(char), segment)

/**
 * An AvaTax route: refuses a request without accepted credentials (401), waits out injected
 * latency, reads the body when the route takes one (no body, or one that is not a JSON object, is
 * 400 `ModelRequiredException`, before anything is looked up or saved), then runs the handler.
 */
export function taxRoute(
  ctx: TaxContext,
  method: 'GET' | 'POST',
  path: string,
  handler: (call: TaxCall) => Response | Promise<Response>,
  takesBody: boolean = method === 'POST',
): Route {
  return {
    method,
    path,
    handle: async (request, rawParams) => {
      const auth = authenticate(request.headers.get('authorization'), ctx.credentials)
      if (!auth.ok) return avataxError(avataxErrors[auth.code], { message: auth.message })
      await takeFaultDelay(request)
      let body: Record<string, unknown> = {}
      if (takesBody) {
        const parsed = parseObject(await bodyText(request))
        if (parsed === undefined)
          return avataxError(avataxErrors.ModelRequiredException, {
            message: 'A required model was not provided.',
            description: 'Please verify that your request included a request body in valid JSON format.',
          })
        body = parsed
      }
      const params: Record<string, string> = {}
      for (const [name, value] of Object.entries(rawParams)) params[name] = unescape(value)
      const query = new URL(request.url).searchParams
      const response = await handler({ request, params, query, body })
      // Every successful POST did something (AvaTax has no replays), so it may be ambiguous.
      if (method === 'POST' && response.ok) response.headers.set(internalHeaders.operation, 'new')
      return response
    },
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
