import { request } from 'undici'
import { SUBSCRIBED_PSP_EVENTS } from '../../platform/webhooks/psp-event.js'

/**
 * Points the PSP simulator's webhooks at the platform's receiver, through the simulator's admin
 * API, with the `whsec_…` secret the platform was started with (the platform starts before the
 * endpoint exists, so the stack chooses the secret rather than reading the one Stripe would mint).
 * Subscribed to the events the platform acts on only, as a real integration is: the PSP sends
 * two webhooks per checkout instead of five.
 */
export async function registerWebhookEndpoint(
  pspUrl: string,
  platformUrl: string,
  secret: string,
): Promise<void> {
  const res = await request(`${pspUrl}/__admin/webhooks/endpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      url: `${platformUrl}/v1/webhooks/psp`,
      secret,
      enabledEvents: SUBSCRIBED_PSP_EVENTS,
    }),
  })
  const text = await res.body.text()
  if (res.statusCode !== 201)
    throw new Error(`Failed to register the platform's webhook endpoint (HTTP ${res.statusCode}): ${text}`)
}
