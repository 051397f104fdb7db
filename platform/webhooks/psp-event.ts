/**
 * The PSP events the platform's webhook endpoint subscribes to (Stripe's `enabled_events`): the
 * ones it acts on, as a real integration would, so the PSP does not send, and the platform does
 * not sign-check and store, the rest (`charge.*`, which it ignores; two of five per checkout).
 *
 * - `payment_intent.succeeded` pays a `payment_pending` order (a saga or payment that crashed
 *   or lost its answer after the capture).
 * - `payment_intent.created` records the intent on its order as soon as it exists. The checkout
 *   creates and confirms in one call, so it comes with every outcome of that call (authorised,
 *   declined, requires_action) and stands for their events (`amount_capturable_updated`,
 *   `payment_failed`, `requires_action`), which would only record the same intent again; a
 *   cancel names an intent the order already holds.
 */
export const SUBSCRIBED_PSP_EVENTS = ['payment_intent.created', 'payment_intent.succeeded'] as const

/** The part of a Stripe event the platform reads. */
export interface PspEvent {
  id: string
  type: string
  data: { object: { id?: unknown; object?: unknown; metadata?: unknown } }
}

/** Narrows a parsed body to {@link PspEvent}, or `undefined` when it is not shaped like one. */
export function asPspEvent(value: unknown): PspEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const data = v.data as Record<string, unknown> | undefined
  if (typeof v.id !== 'string' || typeof v.type !== 'string') return undefined
  if (typeof data !== 'object' || data === null || typeof data.object !== 'object' || data.object === null) {
    return undefined
  }
  return value as PspEvent
}

/** The order a PaymentIntent event is about, from the metadata the checkout set. */
export function orderIdOf(event: PspEvent): string | undefined {
  const metadata = event.data.object.metadata
  if (typeof metadata !== 'object' || metadata === null) return undefined
  const orderId = (metadata as Record<string, unknown>).order_id
  return typeof orderId === 'string' && orderId.length > 0 ? orderId : undefined
}
