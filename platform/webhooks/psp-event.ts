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
