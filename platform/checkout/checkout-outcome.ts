import type { Order } from '../orders/order-state.js'

/**
 * What a checkout came to: every business outcome the checkout core returns, with no HTTP in it
 * (the route maps each to a status and a problem code: `checkout-response.ts`).
 */
export type CheckoutOutcome =
  /** Charged and paid (or paid and since refunded, when a retry asks again). */
  | { kind: 'paid'; order: Order & { status: 'paid' } }
  /** The issuer declined; the order is `failed`. */
  | { kind: 'declined'; orderId: string; declineCode: string | undefined }
  /** The card needs 3-D Secure, which this API does not do; the order is `failed`. */
  | { kind: 'action_required'; orderId: string }
  /** The PSP refused the request itself (e.g. auth); the order is `failed`. */
  | { kind: 'psp_rejected'; orderId: string; pspCode: string | undefined }
  /** The PSP's answer is unknown: the order stays `payment_pending`; a retry asks again. */
  | { kind: 'payment_indeterminate'; orderId: string; reason: string }
  /** The PSP circuit breaker is open: no order was created. */
  | { kind: 'circuit_open' }
  | { kind: 'cart_not_found'; cartId: string }
  | { kind: 'cart_empty'; cartId: string }
  | { kind: 'out_of_stock'; sku: string; available: number }

/** One outcome kind. */
export type CheckoutOutcomeKind = CheckoutOutcome['kind']

/**
 * Whether an outcome is the checkout's last word. The others (`payment_indeterminate`,
 * `circuit_open`) are worth a retry with the same key, which resumes where this one stopped.
 */
export function isFinalOutcome(outcome: CheckoutOutcome): boolean {
  return outcome.kind !== 'payment_indeterminate' && outcome.kind !== 'circuit_open'
}

/** The outcome an order's state stands for (a resumed checkout whose order was decided meanwhile). */
export function outcomeForOrder(order: Order, declineCode?: string): CheckoutOutcome {
  switch (order.status) {
    case 'paid':
    case 'refunded':
      return { kind: 'paid', order: { ...order, status: 'paid' } }
    case 'failed':
      switch (order.reason) {
        case 'CARD_DECLINED':
        case 'PAYMENT_CANCELED':
          return { kind: 'declined', orderId: order.id, declineCode }
        case 'PAYMENT_ACTION_REQUIRED':
          return { kind: 'action_required', orderId: order.id }
        case 'PSP_REJECTED':
          return { kind: 'psp_rejected', orderId: order.id, pspCode: undefined }
        default: {
          const never: never = order.reason
          return never
        }
      }
    case 'pending':
    case 'payment_pending':
      return {
        kind: 'payment_indeterminate',
        orderId: order.id,
        reason: 'the payment outcome is not known yet',
      }
    default: {
      const never: never = order
      return never
    }
  }
}
