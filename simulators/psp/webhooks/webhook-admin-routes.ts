import { adminError } from '../../core/admin-error.js'
import { adminErrors } from '../../error-codes.js'
import { json, readJson } from '../../core/json-response.js'
import type { Route } from '../../core/router.js'
import type { WebhookDispatcher } from './webhook-dispatcher.js'
import { renderWebhookEndpoint } from './webhook-endpoint-endpoints.js'

/**
 * `/__admin/webhooks`: endpoints, deliveries and their outcomes (`?eventId=` to narrow), and
 * `pending` (0 once every delivery has settled); register (POST /endpoints) and remove endpoints.
 */
export function webhookAdminRoutes(webhooks: WebhookDispatcher, secret: string): Route[] {
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
        const body = (await readJson(request)) as { url?: unknown; enabledEvents?: unknown } | undefined
        const url = typeof body?.url === 'string' ? body.url : ''
        const events = body?.enabledEvents
        if (!/^https?:\/\//.test(url) || (events !== undefined && !isStringArray(events)))
          return adminError(
            adminErrors.WEBHOOK_ENDPOINT_INVALID,
            'Body must be { url: "http(s)://…", enabledEvents?: string[] }',
          )
        const endpoint = webhooks.addEndpoint({
          url,
          ...(isStringArray(events) ? { enabledEvents: events } : {}),
        })
        return json(201, renderWebhookEndpoint(endpoint, secret))
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
