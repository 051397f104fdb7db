import type { BillingDetails } from '../psp-records.js'
import { testPaymentMethods } from './test-payment-methods.js'

/*
 * The card parts of a PaymentMethod (`card`) and of a charge (`payment_method_details.card`),
 * and the billing details both carry. Everything is derived from the brand, the last four digits,
 * the expiry and the test token: nothing here is stored per object, and the constant parts are
 * shared frozen objects rather than rebuilt per response.
 */

const nullAddress = Object.freeze({
  city: null,
  country: null,
  line1: null,
  line2: null,
  postal_code: null,
  state: null,
})

const noBillingDetails = Object.freeze({
  address: nullAddress,
  email: null,
  name: null,
  phone: null,
  tax_id: null,
})

/** `billing_details` as Stripe renders them: an address of nulls when none was given, `tax_id` null. */
export function renderBillingDetails(b: BillingDetails | undefined): Readonly<Record<string, unknown>> {
  if (!b) return noBillingDetails
  return { address: b.address ?? nullAddress, email: b.email, name: b.name, phone: b.phone, tax_id: null }
}

/** Stripe's `display_brand` spells some brands out (docs.stripe.com/api/payment_methods/object). */
const displayBrands: Readonly<Record<string, string>> = {
  amex: 'american_express',
  diners: 'diners_club',
  unionpay: 'union_pay',
}

const networksByBrand = new Map<string, Readonly<Record<string, unknown>>>()
function networksOf(brand: string): Readonly<Record<string, unknown>> {
  let networks = networksByBrand.get(brand)
  if (!networks) {
    networks = Object.freeze({ available: Object.freeze([brand]), preferred: null })
    networksByBrand.set(brand, networks)
  }
  return networks
}

const passed = Object.freeze({
  address_line1_check: null,
  address_postal_code_check: null,
  cvc_check: 'pass',
})
const cvcFailed = Object.freeze({
  address_line1_check: null,
  address_postal_code_check: null,
  cvc_check: 'fail',
})
const threeDSecureSupported = Object.freeze({ supported: true })

/** The checks of a test card: only the incorrect-CVC card fails its CVC check. */
function checksOf(token: string | undefined): Readonly<Record<string, unknown>> {
  const outcome = token === undefined ? undefined : testPaymentMethods.get(token)?.outcome
  return outcome?.kind === 'decline' && outcome.code === 'incorrect_cvc' ? cvcFailed : passed
}

/** `debit` for the debit test card, else `credit`. */
function fundingOf(token: string | undefined): string {
  return token === 'pm_card_visa_debit' ? 'debit' : 'credit'
}

/** A card as both renders know it. */
export interface CardParts {
  brand: string
  last4: string
  expMonth: number
  expYear: number
  /** The test token the card behaves as (`pm_card_visa`), when known. */
  token: string | undefined
}

/** A PaymentMethod's `card`, in Stripe's field order. */
export function renderMethodCard(card: CardParts): Record<string, unknown> {
  return {
    brand: card.brand,
    checks: checksOf(card.token),
    country: 'US',
    display_brand: displayBrands[card.brand] ?? card.brand,
    exp_month: card.expMonth,
    exp_year: card.expYear,
    funding: fundingOf(card.token),
    generated_from: null,
    last4: card.last4,
    networks: networksOf(card.brand),
    regulated_status: 'unregulated',
    three_d_secure_usage: threeDSecureSupported,
    wallet: null,
  }
}

/**
 * A charge's `payment_method_details.card`: `amount_authorized` only when authorised, and
 * `incremental_authorization` when the intent asked for it (amex does not offer it).
 */
export function renderChargeCard(
  card: CardParts,
  amountAuthorized: number | null,
  incrementalAuthorization: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    amount_authorized: amountAuthorized,
    authorization_code: null,
    brand: card.brand,
    checks: checksOf(card.token),
    country: 'US',
    electronic_commerce_indicator: null,
    exp_month: card.expMonth,
    exp_year: card.expYear,
    funding: fundingOf(card.token),
  }
  if (incrementalAuthorization)
    out.incremental_authorization = { status: card.brand === 'amex' ? 'unavailable' : 'available' }
  out.installments = null
  out.last4 = card.last4
  out.mandate = null
  out.network = card.brand
  out.network_transaction_id = null
  out.regulated_status = 'unregulated'
  out.three_d_secure = null
  out.transaction_link_id = null
  out.wallet = null
  return out
}
