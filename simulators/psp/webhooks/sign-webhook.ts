import { createHmac } from 'node:crypto'

/**
 * Stripe's `Stripe-Signature` header: `t=<unix s>,v1=<hex HMAC-SHA256 of "t.payload">`, keyed by
 * the whole `whsec_…` secret — what `stripe.webhooks.constructEvent` verifies.
 * @example signWebhook('{"id":"evt_1"}', 'whsec_abc', 1_764_000_000)
 */
export function signWebhook(payload: string, secret: string, timestampS: number): string {
  // Two updates hash the same bytes without first copying the payload into a new string.
  const v1 = createHmac('sha256', secret).update(`${timestampS}.`).update(payload).digest('hex')
  return `t=${timestampS},v1=${v1}`
}
