import { adminError } from '../../core/admin-error.js'
import { adminErrors } from '../../error-codes.js'
import { json, readJson } from '../../core/json-response.js'
import type { Route } from '../../core/router.js'
import type { WebhookDispatcher } from './webhook-dispatcher.js'
import { renderWebhookEndpoint } from './webhook-endpoint-endpoints.js'

/** A secret an admin caller may choose for its endpoint: Stripe's prefix, printable, bounded. */
const chosenSecret = /^whsec_[A-Za-z0-9_-]{16,200}$/

/**
 * `/__admin/webhooks`: endpoints, deliveries and their outcomes (`?eventId=` to narrow), and
 * `pending` (0 once every delivery has settled); register (POST /endpoints, with a fresh secret
 * unless the caller brings its own: a harness that starts the receiver first) and remove endpoints.
 */
export function webhookAdminRoutes(webhooks: WebhookDispatcher): Route[] {
  return [
    {
      method: 'GET',
      path: '/__admin/webhooks',
      handle: (request) => {
        const eventId = new URL(request.url).searchParams.get('eventId')
        const all = webhooks.list()
        return json(200, {
          ...all,
          endpoints: all.endpoints.map((e) => renderWebhookEndpoint(e)),
          deliveries: eventId === null ? all.deliveries : all.deliveries.filter((d) => d.eventId === eventId),
        })
      },
    },
    {
      method: 'POST',
      path: '/__admin/webhooks/endpoints',
      handle: async (request) => {
        const body = (await readJson(request)) as
          { url?: unknown; enabledEvents?: unknown; secret?: unknown } | undefined
        const url = typeof body?.url === 'string' ? body.url : ''
        const events = body?.enabledEvents
        const secret = body?.secret
        if (
          !/^https?:\/\//.test(url) ||
          (events !== undefined && (!isStringArray(events) || events.length === 0)) ||
          (secret !== undefined && (typeof secret !== 'string' || !chosenSecret.test(secret)))
        )
          return adminError(
            adminErrors.WEBHOOK_ENDPOINT_INVALID,
            'Body must be { url: "http(s)://…", enabledEvents?: string[] (not empty), secret?: "whsec_…" (16-200 of A-Z a-z 0-9 _ -) }',
          )
        const endpoint = webhooks.addEndpoint({
          url,
          ...(isStringArray(events) ? { enabledEvents: events } : {}),
          ...(typeof secret === 'string' ? { secret } : {}),
        })
        return json(201, renderWebhookEndpoint(endpoint, endpoint.secret))
      },
    },
    {
      method: 'DELETE',
      path: '/__admin/webhooks/endpoints/:id',
      handle: (_request, params) =>
        webhooks.endpoints.delete(params.id ?? '')
          ? json(200, { id: params.id, deleted: true })
          : adminError(
              adminErrors.WEBHOOK_ENDPOINT_NOT_FOUND,
              `Failed to remove webhook endpoint (${params.id}): no such endpoint`,
            ),
    },
  ]
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
}
