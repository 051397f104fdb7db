import type { IntentHolder } from './intents/intent-view.js'
import type { StripeErrorBody } from './wire/stripe-error.js'

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
  views: IntentHolder | IntentHolder[] | null
  /** What few intents need (intent-extras.ts); replaced, never changed in place. Absent = none. */
  extra?: IntentExtra | undefined
}

/** Rarely set parts of an intent, kept out of the common record's shape. */
export interface IntentExtra {
  /** `automatic_payment_methods`, as asked for or defaulted (API versions ≥ 2023-08-16). */
  automaticPaymentMethods?: { enabled: boolean; allowRedirects: 'always' | 'never' }
  /** `payment_method_options.card.request_incremental_authorization` was `if_available`. */
  incrementalAuthorization?: boolean
  /** `increment_authorization` attempts so far (Stripe allows 10). */
  increments?: number
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
  /** Why it failed; the test card's own outcome object, shared by every charge it declines. */
  failure: ChargeFailure | null
  card: { brand: string; last4: string }
  refunds: readonly string[]
  /** What few charges need (charge-endpoints.ts, balance-transactions.ts); replaced, never changed in place. */
  extra?: ChargeExtra | undefined
}

/** Rarely set parts of a charge. A charge made with `POST /v1/charges` has `paymentIntent: ''`. */
export interface ChargeExtra {
  /** Unix seconds of a capture after the charge was created (its balance transaction's `created`). */
  capturedAt?: number
  description?: string | null
  receiptEmail?: string | null
  statementDescriptor?: string | null
}

/** A failed charge's `failure_code`, `failure_message` and `outcome.reason` (a decline code). */
export interface ChargeFailure {
  readonly code: string
  readonly message: string
  readonly declineCode?: string | undefined
}

/** A Refund of (part of) a captured charge. */
export interface RefundRecord {
  id: string
  amount: number
  charge: string
  paymentIntent: string
  currency: string
  /** Card refunds succeed at once; `requires_action` is the only status that can be canceled. */
  status: 'succeeded' | 'requires_action' | 'canceled'
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
  phone: string | null
  created: number
  metadata: Record<string, string>
  /** Minor units of `currency`: negative is credit applied to the next invoice, positive is owed. */
  balance: number
  /** Set by the first balance transaction (or by `currency` on create); null until then. */
  currency: string | null
  /** The default card or bank account source (`card_…`, `ba_…`). */
  defaultSource: string | null
  invoiceSettings: { defaultPaymentMethod: string | null; footer: string | null }
  /** Deleted customers stay retrievable as `{ id, object, deleted: true }`, as in Stripe. */
  deleted: boolean
}

/** A card PaymentMethod; `testToken` names the test outcome it behaves as. */
export interface PaymentMethodRecord {
  id: string
  testToken: string
  card: { brand: string; last4: string; expMonth: number; expYear: number }
  customer: string | null
  created: number
  metadata: Record<string, string>
  /** Absent = all null (as Stripe renders a method created without them). */
  billingDetails?: BillingDetails
}

/** A PaymentMethod's `billing_details`. */
export interface BillingDetails {
  address: Record<string, string | null> | null
  email: string | null
  name: string | null
  phone: string | null
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
