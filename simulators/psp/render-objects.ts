import type {
  ChargeRecord,
  CustomerRecord,
  IntentRecord,
  PaymentMethodRecord,
  RefundRecord,
} from './psp-records.js'
import { within } from './expand-paths.js'
import type { PspState } from './psp-state.js'
import { testPaymentMethods } from './test-payment-methods.js'

/**
 * Fields to expand (Stripe's `expand[]`), checked by `parseExpand`: relative to the object (a list's
 * `data.` prefix removed), with every prefix of a nested path (`latest_charge`, `latest_charge.customer`).
 */
export type Expand = ReadonlySet<string>
const none: Expand = new Set()

const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `{id}_secret_{20 chars}`, derived from the id so the record need not keep it. */
function clientSecret(id: string): string {
  let h = 2166136261
  for (let j = 0; j < id.length; j++) h = Math.imul(h ^ id.charCodeAt(j), 16777619)
  let out = ''
  for (let i = 0; i < 20; i++) {
    h = (Math.imul(h, 1103515245) + 12345) >>> 0
    out += secretAlphabet[(h >>> 8) % secretAlphabet.length]
  }
  return `${id}_secret_${out}`
}

// Constant parts of every rendered intent, shared rather than rebuilt per response.
const amountDetails = Object.freeze({ tip: Object.freeze({}) })
const paymentMethodOptions = Object.freeze({ card: Object.freeze({ request_three_d_secure: 'automatic' }) })
const nextAction = Object.freeze({
  type: 'use_stripe_sdk',
  use_stripe_sdk: Object.freeze({ type: 'three_d_secure_redirect', stripe_js: '' }),
})

/** Renders a PaymentIntent as Stripe's JSON object. */
export function renderIntent(
  pi: IntentRecord,
  state: PspState,
  expand: Expand = none,
): Record<string, unknown> {
  const charge =
    pi.latestCharge && expand.has('latest_charge') ? state.charges.get(pi.latestCharge) : undefined
  const customer = pi.customer && expand.has('customer') ? state.customers.get(pi.customer) : undefined
  return {
    id: pi.id,
    object: 'payment_intent',
    amount: pi.amount,
    amount_capturable: pi.amountCapturable,
    amount_details: amountDetails,
    amount_received: pi.amountReceived,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: pi.canceledAt,
    cancellation_reason: pi.cancellationReason,
    capture_method: pi.captureMethod,
    client_secret: clientSecret(pi.id),
    confirmation_method: pi.confirmationMethod,
    created: pi.created,
    currency: pi.currency,
    customer: customer ? renderCustomer(customer) : pi.customer,
    description: pi.description,
    last_payment_error: pi.lastPaymentError,
    latest_charge: charge ? renderCharge(charge, state, within(expand, 'latest_charge')) : pi.latestCharge,
    livemode: false,
    metadata: pi.metadata,
    next_action: pi.status === 'requires_action' ? nextAction : null,
    on_behalf_of: null,
    payment_method: paymentMethodField(pi.paymentMethod, state, expand),
    payment_method_options: paymentMethodOptions,
    payment_method_types: pi.paymentMethodTypes,
    processing: null,
    receipt_email: pi.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: pi.statementDescriptor,
    statement_descriptor_suffix: null,
    status: pi.status,
    transfer_data: null,
    transfer_group: null,
  }
}

function paymentMethodField(id: string | null, state: PspState, expand: Expand): unknown {
  if (!id || !expand.has('payment_method')) return id
  const nested = within(expand, 'payment_method')
  const stored = state.paymentMethods.get(id)
  if (stored) return renderPaymentMethod(stored, state, nested)
  const test = testPaymentMethods.get(id)
  return test
    ? renderPaymentMethod(
        {
          id,
          testToken: id,
          card: { brand: test.brand, last4: test.last4, expMonth: 12, expYear: 2034 },
          customer: null,
          created: 0,
          metadata: {},
        },
        state,
        nested,
      )
    : id
}

/** Renders a Charge. */
export function renderCharge(
  ch: ChargeRecord,
  state: PspState,
  expand: Expand = none,
): Record<string, unknown> {
  const pi = expand.has('payment_intent') ? state.intents.get(ch.paymentIntent) : undefined
  return {
    id: ch.id,
    object: 'charge',
    amount: ch.amount,
    amount_captured: ch.amountCaptured,
    amount_refunded: ch.amountRefunded,
    balance_transaction: null,
    captured: ch.captured,
    created: ch.created,
    currency: ch.currency,
    customer: ch.customer,
    description: null,
    disputed: false,
    failure_code: ch.failureCode,
    failure_message: ch.failureMessage,
    livemode: false,
    metadata: ch.metadata,
    outcome: {
      network_status: ch.status === 'succeeded' ? 'approved_by_network' : 'declined_by_network',
      reason: ch.declineCode,
      risk_level: 'normal',
      seller_message:
        ch.status === 'succeeded' ? 'Payment complete.' : 'The bank did not return any further details.',
      type:
        ch.status === 'succeeded'
          ? 'authorized'
          : ch.declineCode === 'fraudulent'
            ? 'blocked'
            : 'issuer_declined',
    },
    paid: ch.status === 'succeeded',
    payment_intent: pi ? renderIntent(pi, state, within(expand, 'payment_intent')) : ch.paymentIntent,
    payment_method: ch.paymentMethod,
    payment_method_details: {
      type: 'card',
      card: { brand: ch.card.brand, last4: ch.card.last4, exp_month: 12, exp_year: 2034 },
    },
    refunded: ch.amountRefunded > 0 && ch.amountRefunded === ch.amountCaptured,
    status: ch.status,
  }
}

/** Renders a Refund. */
export function renderRefund(
  re: RefundRecord,
  state: PspState,
  expand: Expand = none,
): Record<string, unknown> {
  const charge = expand.has('charge') ? state.charges.get(re.charge) : undefined
  const pi = expand.has('payment_intent') ? state.intents.get(re.paymentIntent) : undefined
  return {
    id: re.id,
    object: 'refund',
    amount: re.amount,
    balance_transaction: null,
    charge: charge ? renderCharge(charge, state, within(expand, 'charge')) : re.charge,
    created: re.created,
    currency: re.currency,
    metadata: re.metadata,
    payment_intent: pi ? renderIntent(pi, state, within(expand, 'payment_intent')) : re.paymentIntent,
    reason: re.reason,
    receipt_number: null,
    status: re.status,
  }
}

/** Renders a Customer. */
export function renderCustomer(c: CustomerRecord): Record<string, unknown> {
  return {
    id: c.id,
    object: 'customer',
    created: c.created,
    description: c.description,
    email: c.email,
    livemode: false,
    metadata: c.metadata,
    name: c.name,
  }
}

/** Renders a card PaymentMethod (its `customer` expanded when asked and `state` is given). */
export function renderPaymentMethod(
  pm: PaymentMethodRecord,
  state?: PspState,
  expand: Expand = none,
): Record<string, unknown> {
  const customer =
    pm.customer && state && expand.has('customer') ? state.customers.get(pm.customer) : undefined
  return {
    id: pm.id,
    object: 'payment_method',
    billing_details: { address: null, email: null, name: null, phone: null },
    card: {
      brand: pm.card.brand,
      last4: pm.card.last4,
      exp_month: pm.card.expMonth,
      exp_year: pm.card.expYear,
      funding: 'credit',
      country: 'US',
    },
    created: pm.created,
    customer: customer ? renderCustomer(customer) : pm.customer,
    livemode: false,
    metadata: pm.metadata,
    type: 'card',
  }
}
