import {
  stripeDeclineCodes as decline,
  stripeErrors,
  type ErrorCode,
  type StripeDeclineCode,
  type StripeErrorCode,
} from '../error-codes.js'

/** What confirming with a test payment method does (docs.stripe.com/testing). */
export type TestCardOutcome =
  | { kind: 'succeed' }
  | { kind: 'decline'; code: StripeErrorCode; declineCode?: StripeDeclineCode; message: string }
  | { kind: 'requires_action' }

/** A test card: brand, last four digits, expiry, and its outcome. */
export interface TestCard {
  brand: string
  last4: string
  outcome: TestCardOutcome
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
])

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
])
