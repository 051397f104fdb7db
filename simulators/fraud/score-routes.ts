import { internalHeaders } from '../core/internal-headers.js'
import { json } from '../core/json-response.js'
import type { Route, RouteHandler } from '../core/router.js'
import { fraudErrors } from '../error-codes.js'
import { takeFaultDelay } from '../faults/fault-delay.js'
import type { FraudContext } from './fraud-context.js'
import type { UserRecord } from './fraud-state.js'
import { renderUserScore } from './render-sift.js'
import { siftError } from './sift-error.js'
import { scoreAbuseTypes } from './sift-score.js'
import { abuseTypesOf, acceptsKey, apiKeyOf, epochSeconds, supportedVersions } from './sift-request.js'

type ScoreHandler = (
  request: Request,
  userId: string,
  user: UserRecord,
  query: URLSearchParams,
) => Promise<Response> | Response

/** Version, key and user checks shared by the Score API routes; the handler gets a known user. */
function scoreRoute(ctx: FraudContext, handle: ScoreHandler): RouteHandler {
  return (request, params) => {
    const echo = { time: epochSeconds(ctx.now()) }
    const version = params.version ?? ''
    if (!supportedVersions.has(version))
      return siftError(fraudErrors['104'], `Invalid API version: ${version.slice(0, 20)}`, echo)
    if (!acceptsKey(ctx, apiKeyOf(request)))
      return siftError(
        fraudErrors['51'],
        'Invalid API Key. Please check your credentials and try again.',
        echo,
      )
    const userId = params.userId ?? ''
    const user = ctx.state.users.get(userId)
    if (!user) return siftError(fraudErrors['54'], 'Specified user_id has no scoreable events', echo)
    return handle(request, userId, user, new URL(request.url).searchParams)
  }
}

/**
 * Sift's Score API: `GET /v205/users/{id}/score` (the latest scores, not recomputed),
 * `POST /v205/users/{id}/score` (rescore: computed again from the user's events, so the same
 * score, stamped now) and the older `GET /v205/score/{id}`. Scores are those of the abuse types
 * named in `abuse_types`, else payment abuse; a user with no events is status 54.
 */
export function scoreRoutes(ctx: FraudContext): Route[] {
  const userScore: ScoreHandler = (_request, userId, user, query) =>
    json(
      200,
      renderUserScore(userId, user, scoreAbuseTypes(user.facts, abuseTypesOf(query), ctx.rules).scores),
    )
  const legacyScore = scoreRoute(ctx, (_request, userId, user, query) =>
    json(200, {
      status: 0,
      error_message: 'OK',
      user_id: userId,
      scores: scoreAbuseTypes(user.facts, abuseTypesOf(query), ctx.rules).scores,
      latest_labels: {},
    }),
  )
  return [
    { method: 'GET', path: '/:version/users/:userId/score', handle: scoreRoute(ctx, userScore) },
    {
      method: 'POST',
      path: '/:version/users/:userId/score',
      handle: scoreRoute(ctx, async (request, userId, user, query) => {
        await takeFaultDelay(request)
        user.scoredAtMs = ctx.now()
        const response = await userScore(request, userId, user, query)
        response.headers.set(internalHeaders.operation, 'new')
        return response
      }),
    },
    { method: 'GET', path: '/:version/score/:userId', handle: legacyScore },
    // The documented curl example ends the path with a slash: `/v205/score/USER_ID_HERE/?api_key=…`.
    { method: 'GET', path: '/:version/score/:userId/', handle: legacyScore },
  ]
}
