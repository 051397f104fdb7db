import { clientSecret, defaultMethodConfiguration } from '../render-objects.js'
import type { Snapshot } from '../events/snapshots.js'
import type { StripeErrorBody } from '../wire/stripe-error.js'

/** The states of a SetupIntent (docs.stripe.com/payments/setupintents/lifecycle). */
export type SetupIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'succeeded'
  | 'canceled'

/** The moves a SetupIntent may make; `processing` is for bank debits (cards never stop there). */
export const setupIntentTransitions = {
  requires_payment_method: [
    'requires_confirmation',
    'requires_action',
    'processing',
    'succeeded',
    'canceled',
  ],
  requires_confirmation: [
    'requires_payment_method',
    'requires_action',
    'processing',
    'succeeded',
    'canceled',
  ],
  requires_action: ['requires_payment_method', 'processing', 'succeeded', 'canceled'],
  processing: ['requires_payment_method', 'succeeded'],
  succeeded: [],
  canceled: [],
} as const satisfies Record<SetupIntentStatus, readonly SetupIntentStatus[]>

/** Whether a SetupIntent may move from one status to another; terminal states have no exits. */
export function canMoveSetupIntent(from: SetupIntentStatus, to: SetupIntentStatus): boolean {
  return (setupIntentTransitions[from] as readonly SetupIntentStatus[]).includes(to)
}

/** A SetupIntent: saves a payment method for later payments (`seti_…`). */
export interface SetupIntentRecord {
  id: string
  status: SetupIntentStatus
  customer: string | null
  paymentMethod: string | null
  paymentMethodTypes: string[]
  /** null when the create named its types. */
  automaticPaymentMethods: { enabled: boolean; allowRedirects: 'always' | 'never' } | null
  usage: 'on_session' | 'off_session'
  description: string | null
  metadata: Record<string, string>
  created: number
  lastSetupError: StripeErrorBody | null
  cancellationReason: 'abandoned' | 'requested_by_customer' | 'duplicate' | null
}

const nextAction = Object.freeze({
  type: 'use_stripe_sdk',
  use_stripe_sdk: Object.freeze({ type: 'three_d_secure_redirect', stripe_js: '' }),
})
const paymentMethodOptions = Object.freeze({
  card: Object.freeze({ mandate_options: null, network: null, request_three_d_secure: 'automatic' }),
})

/** Renders a SetupIntent as Stripe's JSON (expanded fields are set by the endpoint). */
export function renderSetupIntent(si: SetupIntentRecord): Record<string, unknown> {
  return {
    id: si.id,
    object: 'setup_intent',
    allowed_payment_method_types: si.automaticPaymentMethods ? null : si.paymentMethodTypes,
    application: null,
    automatic_payment_methods: si.automaticPaymentMethods
      ? {
          allow_redirects: si.automaticPaymentMethods.allowRedirects,
          enabled: si.automaticPaymentMethods.enabled,
        }
      : null,
    cancellation_reason: si.cancellationReason,
    client_secret: clientSecret(si.id),
    created: si.created,
    customer: si.customer,
    description: si.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: si.lastSetupError,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: si.metadata,
    next_action: si.status === 'requires_action' ? nextAction : null,
    on_behalf_of: null,
    payment_method: si.paymentMethod,
    payment_method_configuration_details: si.automaticPaymentMethods?.enabled
      ? defaultMethodConfiguration
      : null,
    payment_method_options: paymentMethodOptions,
    payment_method_types: si.paymentMethodTypes,
    single_use_mandate: null,
    status: si.status,
    usage: si.usage,
  }
}

/** A deferred rendering of the SetupIntent as it is now (for events). */
export function setupIntentSnapshot(si: SetupIntentRecord): Snapshot {
  const copy = { ...si }
  return () => renderSetupIntent(copy)
}
