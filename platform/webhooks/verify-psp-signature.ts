import type Stripe from 'stripe'

/** Why a webhook was refused before processing. */
export class WebhookSignatureError extends Error {
  readonly code = 'WEBHOOK_SIGNATURE_INVALID'
}

let stripeModule: Promise<{ default: typeof Stripe }> | undefined

/**
 * Verifies `Stripe-Signature` over the raw body with `stripe.webhooks.constructEvent` (HMAC-SHA256,
 * 300 s tolerance, measured against the injected clock) and returns the parsed event.
 *
 * @throws {WebhookSignatureError} on a missing or wrong signature.
 */
export async function verifyPspSignature(input: {
  rawBody: string
  header: string | undefined
  secret: string
  now: Date
}): Promise<unknown> {
  if (!input.header) throw new WebhookSignatureError('No Stripe-Signature header')
  stripeModule ??= import('stripe')
  const { default: Stripe } = await stripeModule
  try {
    return Stripe.webhooks.constructEvent(
      input.rawBody,
      input.header,
      input.secret,
      undefined,
      undefined,
      input.now.getTime(),
    )
  } catch (err) {
    throw new WebhookSignatureError(err instanceof Error ? err.message : 'Signature verification failed')
  }
}
