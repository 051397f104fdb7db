import type { EventRecord } from '../psp-records.js'
import { defaultStripeVersion } from '../wire/stripe-response.js'

/** Renders an Event as Stripe's JSON text, rendering the snapshot taken when it happened. */
export function renderEventJson(event: EventRecord, pendingWebhooks = 0): string {
  const head = JSON.stringify({
    id: event.id,
    object: 'event',
    api_version: defaultStripeVersion,
    created: event.created,
  })
  const tail = JSON.stringify({
    livemode: false,
    pending_webhooks: pendingWebhooks,
    request: { id: event.requestId, idempotency_key: event.idempotencyKey },
    type: event.type,
  })
  return `${head.slice(0, -1)},"data":{"object":${JSON.stringify(event.object())}},${tail.slice(1)}`
}
