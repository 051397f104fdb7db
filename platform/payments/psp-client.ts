import type { JourneyContext } from '../../lib/journey-context.js'
import type { Money } from '../money.js'

/** One charge the checkout asks the PSP for: create and confirm a PaymentIntent in one call. */
export interface PaymentRequest {
  orderId: string
  amount: Money
  /** A PSP payment method id, e.g. `pm_card_visa`. */
  paymentMethod: string
  /** The client's checkout key, sent as metadata so the ledger links a charge to it. */
  checkoutKey: string
  /** The PSP Idempotency-Key, derived from the order; `undefined` sends none. */
  idempotencyKey: string | undefined
  /** The game-day journey the charge is made for, when known: sent on as `baggage`. */
  journey?: JourneyContext
}

/**
 * What the PSP call came to. Only `indeterminate` leaves the money's fate unknown: the charge may
 * have happened, so the order must not be failed.
 */
export type PaymentOutcome =
  | { kind: 'succeeded'; paymentIntentId: string }
  | { kind: 'declined'; paymentIntentId: string | undefined; declineCode: string; message: string }
  | { kind: 'requires_action'; paymentIntentId: string }
  | { kind: 'rejected'; httpStatus: number; pspCode: string; message: string }
  | { kind: 'indeterminate'; reason: string }

/** The platform's view of the PSP. */
export interface PspClient {
  /** Never throws for PSP or network failures: they come back as outcomes. */
  pay(request: PaymentRequest): Promise<PaymentOutcome>
  /** False while the circuit breaker is open: a checkout should fail fast before creating an order. */
  isAvailable(): boolean
  /** Frees sockets. */
  close(): void
}

/** The PSP Idempotency-Key of an order's payment: the same on every retry and resume. */
export function pspPaymentKey(orderId: string): string {
  return `order_${orderId}_pay`
}

/** Why a refund is made: Stripe's `reason` values. */
export type RefundReason = 'requested_by_customer' | 'duplicate' | 'fraudulent'

/** One refund the platform asks the PSP for, against a captured PaymentIntent. */
export interface RefundRequest {
  orderId: string
  /** The platform's refund id, sent as metadata so the ledger links the refund to it. */
  refundId: string
  paymentIntentId: string
  amount: Money
  reason: RefundReason | undefined
  /** The PSP Idempotency-Key, derived from the refund; `undefined` sends none. */
  idempotencyKey: string | undefined
  journey?: JourneyContext
}

/** What a refund call came to; only `indeterminate` leaves the money's fate unknown. */
export type RefundOutcome =
  | { kind: 'refunded'; pspRefundId: string }
  | { kind: 'failed'; pspCode: string; message: string }
  | { kind: 'indeterminate'; reason: string }

/** The PSP's refunds (`POST /v1/refunds`). Never throws for PSP or network failures. */
export interface PspRefunds {
  refund(request: RefundRequest): Promise<RefundOutcome>
}

/** The PSP Idempotency-Key of one refund: the same on every retry of it. */
export function pspRefundKey(refundId: string): string {
  return `refund_${refundId}`
}
