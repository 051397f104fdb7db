import { BAGGAGE_HEADER, parseJourneyBaggage } from '../../lib/journey-context.js'
import { peekBodyText, responseText, textResponse } from '../core/body-channel.js'
import { internalHeaders } from '../core/internal-headers.js'
import { pathOf } from '../core/router.js'
import { never } from '../core/sleep.js'
import { setFaultDelay, takeFaultDelay } from './fault-delay.js'
import type { FaultModel } from './fault-model.js'

/**
 * How a vendor spells an error: a body shaped like the vendor's, with the given status; `code`
 * is a fault rule's own (`effect.code`), and absent the vendor picks its registered default.
 */
export type VendorErrorResponse = (error: { status: number; code?: string; retryAfterS?: number }) => Response

/** What the fault layer needs to know of a vendor. */
export interface VendorShape {
  errorResponse: VendorErrorResponse
  /** Decodes a request body for `match.body` (form or JSON); undefined if it cannot. */
  decodeBody(text: string, contentType: string | null): unknown
}

/**
 * Wraps a simulator's `Request → Response` with the fault model: rate limits, latency,
 * errors, hangs, resets, truncated or malformed bodies, and ambiguous success (the operation is
 * performed and saved, then the response is dropped or replaced by an error).
 * @note Injected errors stand for a front door failing before the vendor executes anything, so
 * nothing is saved under the idempotency key and a retry with the same key can succeed.
 */
export function withFaults(
  model: FaultModel,
  vendor: VendorShape,
  handle: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const method = request.method
    const path = pathOf(request.url)
    const baggage = request.headers.get(BAGGAGE_HEADER)
    // Counted before the no-rules shortcut: a journey's attempt must not depend on when rules came.
    const journey = baggage === null ? undefined : model.labelsFor(method, path, parseJourneyBaggage(baggage))
    if (!model.hasRules) return strip(await handle(request))
    const key = request.headers.get('idempotency-key')
    const plan = await model.planRequest({
      method,
      path,
      idempotencyKey: key,
      body: async () => vendor.decodeBody(await peekBodyText(request), request.headers.get('content-type')),
      ...(journey ? { journey } : {}),
    })
    if (plan.rateLimited)
      return vendor.errorResponse({ status: 429, retryAfterS: plan.rateLimited.retryAfterS })
    setFaultDelay(request, plan.latencyMs, model.timers)
    const terminal = plan.terminal
    if (terminal) {
      const { effect, rule } = terminal
      switch (effect.type) {
        case 'error':
        case 'hang':
        case 'reset':
          await takeFaultDelay(request)
          model.record(
            rule,
            method,
            path,
            effect.type === 'error' ? String(effect.status) : undefined,
            key,
            journey,
          )
          if (effect.type === 'hang') return never()
          if (effect.type === 'reset') return Response.error()
          return vendor.errorResponse({
            status: effect.status,
            ...(effect.code !== undefined ? { code: effect.code } : {}),
            ...(effect.retryAfterS !== undefined ? { retryAfterS: effect.retryAfterS } : {}),
          })
        default:
          break
      }
    }
    const response = await handle(request)
    await takeFaultDelay(request)
    if (!terminal) return strip(response)
    const { effect, rule } = terminal
    switch (effect.type) {
      case 'truncate':
        model.record(rule, method, path, undefined, key, journey)
        return withHeader(response, internalHeaders.truncate)
      case 'malformed':
        model.record(rule, method, path, undefined, key, journey)
        return malformed(response)
      case 'ambiguous-success': {
        // Only an operation performed now can have an ambiguous outcome; a replay performed nothing.
        if (response.headers.get(internalHeaders.operation) !== 'new') return strip(response)
        model.record(rule, method, path, `then ${effect.then}`, key, journey)
        if (effect.then === 'drop') return Response.error()
        if (effect.then === 'hang') return never()
        return vendor.errorResponse({ status: 500 })
      }
      default:
        return strip(response)
    }
  }
}

function strip(response: Response): Response {
  if (response.headers.has(internalHeaders.operation)) response.headers.delete(internalHeaders.operation)
  return response
}

async function withHeader(response: Response, name: string): Promise<Response> {
  const headers = new Headers(response.headers)
  headers.set(name, '1')
  headers.delete(internalHeaders.operation)
  return textResponse(await responseText(response), { status: response.status, headers })
}

async function malformed(response: Response): Promise<Response> {
  const text = await responseText(response)
  const headers = new Headers(response.headers)
  headers.delete(internalHeaders.operation)
  // Half a JSON document followed by what a misbehaving proxy might send.
  const body = `${text.slice(0, Math.floor(text.length / 2))}<html><body>502 Bad Gateway</body></html>`
  return textResponse(body, { status: response.status, headers })
}
