import type { JourneyContext } from '../../lib/journey-context.js'
import type { PaymentOutcome, PaymentRequest } from './psp-client.js'

/** A step on an authorised PaymentIntent: capture it, or cancel it. */
export interface IntentStepRequest {
  orderId: string
  paymentIntentId: string
  /** The PSP Idempotency-Key, derived from the order; `undefined` sends none. */
  idempotencyKey: string | undefined
  journey?: JourneyContext
}

/** What a capture or a cancel came to; only `indeterminate` leaves the intent's state unknown. */
export type IntentStepOutcome =
  | { kind: 'done' }
  | { kind: 'failed'; pspCode: string; message: string }
  | { kind: 'indeterminate'; reason: string }

/**
 * The PSP calls of the checkout saga: authorise with `capture_method=manual` (the money is held,
 * not moved), then capture it, or cancel it to release the hold. Never throws for PSP or network
 * failures: they come back as outcomes.
 */
export interface ManualCapturePsp {
  /** Creates and confirms a PaymentIntent that stops at `requires_capture` (`succeeded` here). */
  authorize(request: PaymentRequest): Promise<PaymentOutcome>
  /** Captures the whole authorised amount; an intent already captured is `done`. */
  capture(request: IntentStepRequest): Promise<IntentStepOutcome>
  /** Cancels the authorisation; an intent already canceled is `done`. */
  cancel(request: IntentStepRequest): Promise<IntentStepOutcome>
}

/** PSP Idempotency-Keys of a saga's PSP steps, derived from the order: the same on every resume. */
export const sagaPspKeys = {
  authorize: (orderId: string) => `order_${orderId}_authorize`,
  capture: (orderId: string) => `order_${orderId}_capture`,
  cancel: (orderId: string) => `order_${orderId}_cancel`,
}
