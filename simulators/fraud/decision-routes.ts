import { json } from '../core/json-response.js'
import type { Route, RouteHandler } from '../core/router.js'
import { fraudErrors } from '../error-codes.js'
import type { FraudContext } from './fraud-context.js'
import { renderDecisionStatus, renderWorkflowRun } from './render-sift.js'
import { siftErrorResponse, siftError } from './sift-error.js'
import { acceptsKey, basicAuthUser, epochSeconds } from './sift-request.js'

/** The v3 APIs take the key by HTTP Basic only, as Sift's clients send it. */
function authorised(ctx: FraudContext, handle: RouteHandler): RouteHandler {
  return (request, params) =>
    acceptsKey(ctx, basicAuthUser(request))
      ? handle(request, params)
      : siftError(fraudErrors['51'], 'Invalid API Key. Please check your credentials and try again.', {
          time: epochSeconds(ctx.now()),
        })
}

/**
 * Sift's Decision Status API for orders and users (`GET /v3/accounts/{accountId}/orders/{orderId}/decisions`,
 * `…/users/{userId}/decisions`): the latest decision per abuse type, `{}` when there is none; and
 * the Workflow Status API (`GET /v3/accounts/{accountId}/workflows/runs/{runId}`). Any account id.
 */
export function decisionRoutes(ctx: FraudContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v3/accounts/:accountId/orders/:orderId/decisions',
      handle: authorised(ctx, (_request, params) =>
        json(200, renderDecisionStatus(ctx.state.orders.get(params.orderId ?? ''))),
      ),
    },
    {
      method: 'GET',
      path: '/v3/accounts/:accountId/users/:userId/decisions',
      handle: authorised(ctx, (_request, params) =>
        json(200, renderDecisionStatus(ctx.state.users.get(params.userId ?? '')?.decisions)),
      ),
    },
    {
      method: 'GET',
      path: '/v3/accounts/:accountId/workflows/runs/:runId',
      handle: authorised(ctx, (_request, params) => {
        const run = ctx.state.runs.get(params.runId ?? '')
        return run
          ? json(200, renderWorkflowRun(run, true))
          : siftErrorResponse(
              404,
              fraudErrors['50'].code,
              `No workflow run ${String(params.runId).slice(0, 60)}`,
            )
      }),
    },
  ]
}
