import type {
  ChargeRecord,
  CustomerRecord,
  IntentRecord,
  PaymentMethodRecord,
  RefundRecord,
} from './psp-records.js'
import { refundBalanceField } from './balance/balance-transactions.js'
import { chargeFields } from './charges/charge-fields.js'
import { findPaymentMethod, renderedMethodId } from './payment-methods/derived-payment-methods.js'
import { within } from './wire/expand-paths.js'
import { renderAutomatic } from './intents/intent-extras.js'
import type { PspState } from './psp-state.js'
import { renderBillingDetails, renderMethodCard } from './payment-methods/render-cards.js'

/**
 * Fields to expand (Stripe's `expand[]`), checked by `parseExpand`: relative to the object (a list's
 * `data.` prefix removed), with every prefix of a nested path (`latest_charge`, `latest_charge.customer`).
 */
export type Expand = ReadonlySet<string>
const none: Expand = new Set()

const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `{id}_secret_{20 chars}`, derived from the id so the record need not keep it. */
export function clientSecret(id: string): string {
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
const paymentMethodOptions = Object.freeze({
  card: Object.freeze({
    installments: null,
    mandate_options: null,
    network: null,
    request_three_d_secure: 'automatic',
  }),
})
const nextAction = Object.freeze({
  type: 'use_stripe_sdk',
  use_stripe_sdk: Object.freeze({ type: 'three_d_secure_redirect', stripe_js: '' }),
})

/**
 * The account's default payment method configuration: what `payment_method_configuration_details`
 * names on an intent with `automatic_payment_methods` enabled (null when the types were named).
 */
export const defaultMethodConfiguration = Object.freeze({ id: 'pmc_000000GamedayDefault00', parent: null })

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
    // The types the create or an update named; null when automatic_payment_methods chose them.
    allowed_payment_method_types: pi.extra?.automaticPaymentMethods ? null : pi.paymentMethodTypes,
    amount: pi.amount,
    amount_capturable: pi.amountCapturable,
    amount_details: amountDetails,
    amount_received: pi.amountReceived,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: renderAutomatic(pi),
    canceled_at: pi.canceledAt,
    cancellation_reason: pi.cancellationReason,
    capture_method: pi.captureMethod,
    client_secret: clientSecret(pi.id),
    confirmation_method: pi.confirmationMethod,
    created: pi.created,
    currency: pi.currency,
    customer: customer ? renderCustomer(customer) : pi.customer,
    customer_account: null,
    description: pi.description,
    excluded_payment_method_types: null,
    last_payment_error: pi.lastPaymentError,
    latest_charge: charge ? renderCharge(charge, state, within(expand, 'latest_charge')) : pi.latestCharge,
    livemode: false,
    managed_payments: null,
    metadata: pi.metadata,
    next_action: pi.status === 'requires_action' ? nextAction : null,
    on_behalf_of: null,
    payment_method: paymentMethodField(renderedMethodId(pi.id, pi.paymentMethod), state, expand),
    payment_method_configuration_details: pi.extra?.automaticPaymentMethods?.enabled
      ? defaultMethodConfiguration
      : null,
    payment_method_options: paymentMethodOptions,
    payment_method_types: pi.paymentMethodTypes,
    payment_record: null,
    processing: null,
    receipt_email: pi.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: pi.statementDescriptor,
    statement_descriptor_suffix: null,
    status: pi.status,
    transfer_data: null,
    transfer_group: null,
  }
}

/** An intent's `payment_method`: the id as shown (a test token's derived id), or the object when expanded. */
function paymentMethodField(id: string | null, state: PspState, expand: Expand): unknown {
  if (!id || !expand.has('payment_method')) return id
  const pm = findPaymentMethod(state, id)
  return pm ? renderPaymentMethod(pm, state, within(expand, 'payment_method')) : id
}

/** Renders a Charge. */
export function renderCharge(
  ch: ChargeRecord,
  state: PspState,
  expand: Expand = none,
): Record<string, unknown> {
  const f = chargeFields(ch, state, expand)
  const pi = f.intent && expand.has('payment_intent') ? f.intent : undefined
  const succeeded = ch.status === 'succeeded'
  return {
    id: ch.id,
    object: 'charge',
    amount: ch.amount,
    amount_captured: ch.amountCaptured,
    amount_refunded: ch.amountRefunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: f.balanceTransaction,
    billing_details: f.billingDetails,
    calculated_statement_descriptor: f.calculatedStatementDescriptor,
    captured: ch.captured,
    created: ch.created,
    currency: ch.currency,
    customer: ch.customer,
    description: f.description,
    disputed: f.disputed,
    failure_balance_transaction: null,
    failure_code: ch.failure?.code ?? null,
    failure_message: ch.failure?.message ?? null,
    fraud_details: noFraudDetails,
    livemode: false,
    metadata: ch.metadata,
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: succeeded ? 'approved_by_network' : 'declined_by_network',
      reason: ch.failure?.declineCode ?? null,
      risk_level: 'normal',
      seller_message: succeeded ? 'Payment complete.' : 'The bank did not return any further details.',
      type: succeeded
        ? 'authorized'
        : ch.failure?.declineCode === 'fraudulent'
          ? 'blocked'
          : 'issuer_declined',
    },
    paid: succeeded,
    payment_intent: pi ? renderIntent(pi, state, within(expand, 'payment_intent')) : f.paymentIntent,
    payment_method: f.paymentMethod,
    payment_method_details: f.paymentMethodDetails,
    receipt_email: f.receiptEmail,
    receipt_number: null,
    receipt_url: null,
    refunded: ch.amountRefunded > 0 && ch.amountRefunded === ch.amountCaptured,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: f.statementDescriptor,
    statement_descriptor_suffix: null,
    status: ch.status,
    transfer_data: null,
    transfer_group: null,
  }
}

const noFraudDetails = Object.freeze({})

/** Renders a Refund; its `customer` and `payment_method` are its charge's. */
export function renderRefund(
  re: RefundRecord,
  state: PspState,
  expand: Expand = none,
): Record<string, unknown> {
  const charge = state.charges.get(re.charge)
  const pi = expand.has('payment_intent') ? state.intents.get(re.paymentIntent) : undefined
  return {
    id: re.id,
    object: 'refund',
    amount: re.amount,
    balance_transaction: refundBalanceField(re, state, expand),
    charge:
      charge && expand.has('charge') ? renderCharge(charge, state, within(expand, 'charge')) : re.charge,
    created: re.created,
    currency: re.currency,
    customer: charge?.customer ?? null,
    customer_account: null,
    metadata: re.metadata,
    payment_intent: pi ? renderIntent(pi, state, within(expand, 'payment_intent')) : re.paymentIntent,
    payment_method: charge
      ? charge.paymentIntent
        ? renderedMethodId(charge.paymentIntent, charge.paymentMethod)
        : charge.paymentMethod
      : null,
    reason: re.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: re.status,
    transfer_reversal: null,
  }
}

/** Renders a Customer; a deleted one as the stub Stripe keeps (`{ id, object, deleted: true }`). */
export function renderCustomer(c: CustomerRecord): Record<string, unknown> {
  if (c.deleted) return { id: c.id, object: 'customer', deleted: true }
  return {
    id: c.id,
    object: 'customer',
    address: null,
    balance: c.balance,
    created: c.created,
    currency: c.currency,
    customer_account: null,
    default_source: c.defaultSource,
    delinquent: false,
    description: c.description,
    email: c.email,
    invoice_prefix: c.id.slice(-8).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: c.invoiceSettings.defaultPaymentMethod,
      footer: c.invoiceSettings.footer,
      rendering_options: null,
    },
    livemode: false,
    metadata: c.metadata,
    name: c.name,
    next_invoice_sequence: 1,
    phone: c.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
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
    billing_details: renderBillingDetails(pm.billingDetails),
    card: renderMethodCard({
      brand: pm.card.brand,
      last4: pm.card.last4,
      expMonth: pm.card.expMonth,
      expYear: pm.card.expYear,
      token: pm.testToken,
    }),
    created: pm.created,
    customer: customer ? renderCustomer(customer) : pm.customer,
    customer_account: null,
    livemode: false,
    metadata: pm.metadata,
    type: 'card',
  }
}
