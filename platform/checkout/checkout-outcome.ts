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
  /** Saga: authorised and held for an admin's review (fraud said watch); nothing captured yet. */
  | { kind: 'held_for_review'; order: Order & { status: 'held_for_review' } }
  /** Saga: the fraud vendor blocked it, or a reviewer rejected it; compensated, the order is `failed`. */
  | { kind: 'fraud_rejected'; orderId: string; by: 'vendor' | 'review' }
  /**
   * Saga: the tax or fraud vendor failed and its safeguard (`tax-fallback`, `fraud-fail-open`)
   * is off; compensated, the order is `failed` (no order when its breaker was open already).
   */
  | { kind: 'vendor_unavailable'; vendor: 'tax' | 'fraud'; orderId: string | undefined; reason: string }

/** One outcome kind. */
export type CheckoutOutcomeKind = CheckoutOutcome['kind']

/**
 * Whether an outcome is the checkout's last word. The others (`payment_indeterminate`,
 * `circuit_open`, and `vendor_unavailable` refused before any order) are worth a retry with the
 * same key, which resumes where this one stopped.
 */
export function isFinalOutcome(outcome: CheckoutOutcome): boolean {
  if (outcome.kind === 'vendor_unavailable') return outcome.orderId !== undefined
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
        case 'FRAUD_REJECTED':
          return { kind: 'fraud_rejected', orderId: order.id, by: 'vendor' }
        case 'REVIEW_REJECTED':
          return { kind: 'fraud_rejected', orderId: order.id, by: 'review' }
        case 'TAX_UNAVAILABLE':
        case 'FRAUD_UNAVAILABLE':
          return {
            kind: 'vendor_unavailable',
            vendor: order.reason === 'TAX_UNAVAILABLE' ? 'tax' : 'fraud',
            orderId: order.id,
            reason: 'the vendor failed',
          }
        default: {
          const never: never = order.reason
          return never
        }
      }
    case 'held_for_review':
      return { kind: 'held_for_review', order }
    case 'pending':
    case 'payment_pending':
    case 'authorized':
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
