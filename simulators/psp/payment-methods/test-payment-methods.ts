import {
  stripeDeclineCodes as decline,
  stripeErrors,
  type ErrorCode,
  type StripeDeclineCode,
  type StripeErrorCode,
} from '../../error-codes.js'

/** What confirming with a test payment method does (docs.stripe.com/testing). */
export type TestCardOutcome =
  | { kind: 'succeed' }
  | { kind: 'decline'; code: StripeErrorCode; declineCode?: StripeDeclineCode; message: string }
  | { kind: 'requires_action' }

/** What happens after a test card's charge succeeds (docs.stripe.com/testing#disputes). */
export type TestCardAftermath =
  'dispute_fraudulent' | 'dispute_product_not_received' | 'dispute_inquiry' | 'early_fraud_warning'

/** A test card: brand, last four digits, expiry, and its outcome. */
export interface TestCard {
  brand: string
  last4: string
  outcome: TestCardOutcome
  /** Opened right after a successful capture. */
  aftermath?: TestCardAftermath
  /** `pm_card_bypassPending`: the charge's funds are available at once rather than in two days. */
  bypassPending?: boolean
}

const declined = (
  code: ErrorCode<StripeErrorCode>,
  declineCode: ErrorCode<StripeDeclineCode>,
  message: string,
): TestCardOutcome => ({ kind: 'decline', code: code.code, declineCode: declineCode.code, message })

const visa = (last4: string, outcome: TestCardOutcome): TestCard => ({ brand: 'visa', last4, outcome })

/** Stripe's test payment method tokens and what each does. */
export const testPaymentMethods: ReadonlyMap<string, TestCard> = new Map([
  ['pm_card_visa', visa('4242', { kind: 'succeed' })],
  ['pm_card_mastercard', { brand: 'mastercard', last4: '4444', outcome: { kind: 'succeed' } }],
  ['pm_card_amex', { brand: 'amex', last4: '8431', outcome: { kind: 'succeed' } }],
  ['pm_card_visa_debit', visa('5556', { kind: 'succeed' })],
  [
    'pm_card_visa_chargeDeclined',
    visa('0002', declined(stripeErrors.card_declined, decline.generic_decline, 'Your card was declined.')),
  ],
  [
    'pm_card_visa_chargeDeclinedInsufficientFunds',
    visa(
      '9995',
      declined(stripeErrors.card_declined, decline.insufficient_funds, 'Your card has insufficient funds.'),
    ),
  ],
  [
    'pm_card_visa_chargeDeclinedLostCard',
    visa('9987', declined(stripeErrors.card_declined, decline.lost_card, 'Your card was declined.')),
  ],
  [
    'pm_card_visa_chargeDeclinedStolenCard',
    visa('9979', declined(stripeErrors.card_declined, decline.stolen_card, 'Your card was declined.')),
  ],
  [
    'pm_card_chargeDeclinedExpiredCard',
    visa('0069', declined(stripeErrors.expired_card, decline.expired_card, 'Your card has expired.')),
  ],
  [
    'pm_card_chargeDeclinedIncorrectCvc',
    visa(
      '0127',
      declined(stripeErrors.incorrect_cvc, decline.incorrect_cvc, "Your card's security code is incorrect."),
    ),
  ],
  [
    'pm_card_chargeDeclinedProcessingError',
    visa(
      '0119',
      declined(
        stripeErrors.processing_error,
        decline.processing_error,
        'An error occurred while processing your card. Try again in a little bit.',
      ),
    ),
  ],
  [
    'pm_card_radarBlock',
    visa('0019', declined(stripeErrors.card_declined, decline.fraudulent, 'Your card was declined.')),
  ],
  ['pm_card_threeDSecure2Required', visa('3220', { kind: 'requires_action' })],
  ['pm_card_authenticationRequired', visa('3184', { kind: 'requires_action' })],
  ['pm_card_bypassPending', { ...visa('0077', { kind: 'succeed' }), bypassPending: true }],
  ['pm_card_createDispute', { ...visa('0259', { kind: 'succeed' }), aftermath: 'dispute_fraudulent' }],
  [
    'pm_card_createDisputeProductNotReceived',
    { ...visa('2685', { kind: 'succeed' }), aftermath: 'dispute_product_not_received' },
  ],
  ['pm_card_createDisputeInquiry', { ...visa('1976', { kind: 'succeed' }), aftermath: 'dispute_inquiry' }],
  [
    'pm_card_createIssuerFraudRecord',
    { ...visa('5423', { kind: 'succeed' }), aftermath: 'early_fraud_warning' },
  ],
])

/**
 * The test card a legacy token (`tok_visa`, `tok_chargeDeclined`, `tok_createDispute`) stands for:
 * Stripe names most tokens as the PaymentMethod without `pm_card_`, and the decline tokens without `visa_`.
 */
export function testTokenCard(token: string): { id: string; card: TestCard } | undefined {
  if (!token.startsWith('tok_')) return undefined
  const name = token.slice(4)
  for (const id of [`pm_card_${name}`, `pm_card_visa_${name}`]) {
    const card = testPaymentMethods.get(id)
    if (card) return { id, card }
  }
  return undefined
}

/** The test card behind a card number's last four digits (a card source keeps only those). */
export function testCardByLast4(last4: string): TestCard | undefined {
  for (const card of testPaymentMethods.values()) if (card.last4 === last4) return card
  return undefined
}

/** Test card numbers map onto the same outcomes (for PaymentMethods created with card[number]). */
export const testCardNumbers: ReadonlyMap<string, string> = new Map([
  ['4242424242424242', 'pm_card_visa'],
  ['5555555555554444', 'pm_card_mastercard'],
  ['378282246310005', 'pm_card_amex'],
  ['4000056655665556', 'pm_card_visa_debit'],
  ['4000000000000002', 'pm_card_visa_chargeDeclined'],
  ['4000000000009995', 'pm_card_visa_chargeDeclinedInsufficientFunds'],
  ['4000000000009987', 'pm_card_visa_chargeDeclinedLostCard'],
  ['4000000000009979', 'pm_card_visa_chargeDeclinedStolenCard'],
  ['4000000000000069', 'pm_card_chargeDeclinedExpiredCard'],
  ['4000000000000127', 'pm_card_chargeDeclinedIncorrectCvc'],
  ['4000000000000119', 'pm_card_chargeDeclinedProcessingError'],
  ['4100000000000019', 'pm_card_radarBlock'],
  ['4000000000003220', 'pm_card_threeDSecure2Required'],
  ['4000002760003184', 'pm_card_authenticationRequired'],
  ['4000000000000077', 'pm_card_bypassPending'],
  ['4000000000000259', 'pm_card_createDispute'],
  ['4000000000002685', 'pm_card_createDisputeProductNotReceived'],
  ['4000000000001976', 'pm_card_createDisputeInquiry'],
  ['4000000000005423', 'pm_card_createIssuerFraudRecord'],
])
