import { request } from 'undici'

/**
 * Points the PSP simulator's webhooks at the platform's receiver, through the simulator's admin
 * API (so the endpoint is signed with the simulator's one `whsec_…` secret the platform was given).
 */
export async function registerWebhookEndpoint(pspUrl: string, platformUrl: string): Promise<void> {
  const res = await request(`${pspUrl}/__admin/webhooks/endpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${platformUrl}/v1/webhooks/psp` }),
  })
  const text = await res.body.text()
  if (res.statusCode !== 201)
    throw new Error(`Failed to register the platform's webhook endpoint (HTTP ${res.statusCode}): ${text}`)
}
