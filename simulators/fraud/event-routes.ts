import { bodyText } from '../core/body-channel.js'
import { internalHeaders } from '../core/internal-headers.js'
import { json } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { fraudErrors } from '../error-codes.js'
import { takeFaultDelay } from '../faults/fault-delay.js'
import type { FraudContext } from './fraud-context.js'
import { recordEvent } from './record-event.js'
import { renderScoreResponse } from './render-sift.js'
import { siftError } from './sift-error.js'
import { parseEvent } from './sift-event.js'
import { abuseTypesOf, acceptsKey, apiKeyOf, epochSeconds, flag, supportedVersions } from './sift-request.js'

/**
 * `POST /v205/events` (and `/v204/events`): Sift's Events API. Answers `{ status: 0,
 * error_message: "OK", time, request }`, with `score_response` (scores, and `workflow_statuses`
 * with `return_workflow_status=true`) when asked for. Every accepted event is recorded anew:
 * Sift has no idempotency keys, and neither does the simulator.
 */
export function eventRoutes(ctx: FraudContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/:version/events',
      handle: async (request, params) => {
        const text = await bodyText(request)
        const echo = { time: epochSeconds(ctx.now()), request: text }
        const version = params.version ?? ''
        if (!supportedVersions.has(version))
          return siftError(fraudErrors['104'], `Invalid API version: ${version.slice(0, 20)}`, echo)
        let body: unknown
        try {
          body = JSON.parse(text) as unknown
        } catch {
          return siftError(fraudErrors['56'], 'Invalid JSON in request', echo)
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          return siftError(fraudErrors['57'], 'Invalid HTTP body: the event must be a JSON object', echo)
        const bodyKey = (body as { $api_key?: unknown }).$api_key
        if (!acceptsKey(ctx, apiKeyOf(request, bodyKey)))
          return siftError(
            fraudErrors['51'],
            'Invalid API Key. Please check your credentials and try again.',
            echo,
          )
        const parsed = parseEvent(body)
        if (!parsed.ok) return siftError(fraudErrors[parsed.code], parsed.message, echo)
        const query = new URL(request.url).searchParams
        const withWorkflow = flag(query, 'return_workflow_status')
        const withScore = withWorkflow || flag(query, 'return_score')
        await takeFaultDelay(request)
        const recorded = recordEvent(ctx, parsed.event, abuseTypesOf(query))
        const response = json(200, {
          status: 0,
          error_message: 'OK',
          ...echo,
          ...(withScore
            ? {
                score_response: renderScoreResponse(
                  recorded.userId,
                  recorded.scores,
                  withWorkflow ? recorded.runs : undefined,
                  flag(query, 'return_route_info'),
                ),
              }
            : {}),
        })
        response.headers.set(internalHeaders.operation, 'new')
        return response
      },
    },
  ]
}
