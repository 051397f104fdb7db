import type { IntentView } from './intent-view.js'
import type { StripeErrorBody } from './stripe-error.js'

/** The states of a PaymentIntent (docs.stripe.com/payments/paymentintents/lifecycle). */
export type IntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled'

/** A PaymentIntent as the simulator keeps it; rendered to Stripe's JSON on the way out. */
export interface IntentRecord {
  id: string
  amount: number
  currency: string
  status: IntentStatus
  captureMethod: 'automatic' | 'automatic_async' | 'manual'
  confirmationMethod: 'automatic' | 'manual'
  created: number
  customer: string | null
  description: string | null
  metadata: Record<string, string>
  paymentMethod: string | null
  paymentMethodTypes: string[]
  lastPaymentError: StripeErrorBody | null
  latestCharge: string | null
  amountCapturable: number
  amountReceived: number
  canceledAt: number | null
  cancellationReason: string | null
  receiptEmail: string | null
  statementDescriptor: string | null
  /** Saved responses that show this intent as it is now (see intent-view.ts). */
  views: IntentView | IntentView[] | null
}

/** A Charge: one authorisation attempt of an intent. */
export interface ChargeRecord {
  id: string
  amount: number
  amountCaptured: number
  amountRefunded: number
  currency: string
  captured: boolean
  status: 'succeeded' | 'failed'
  paymentIntent: string
  paymentMethod: string | null
  customer: string | null
  created: number
  metadata: Record<string, string>
  failureCode: string | null
  failureMessage: string | null
  declineCode: string | null
  card: { brand: string; last4: string }
  refunds: readonly string[]
}

/** A Refund of (part of) a captured charge. */
export interface RefundRecord {
  id: string
  amount: number
  charge: string
  paymentIntent: string
  currency: string
  status: 'succeeded'
  reason: string | null
  created: number
  metadata: Record<string, string>
}

/** A Customer. */
export interface CustomerRecord {
  id: string
  email: string | null
  name: string | null
  description: string | null
  created: number
  metadata: Record<string, string>
}

/** A card PaymentMethod; `testToken` names the test outcome it behaves as. */
export interface PaymentMethodRecord {
  id: string
  testToken: string
  card: { brand: string; last4: string; expMonth: number; expYear: number }
  customer: string | null
  created: number
  metadata: Record<string, string>
}

/** An Event: `data.object` is kept as the JSON snapshot taken when it happened. */
export interface EventRecord {
  id: string
  type: string
  created: number
  /** Renders `data.object` as it was when the event happened. */
  object: () => Record<string, unknown>
  requestId: string | null
  idempotencyKey: string | null
}
