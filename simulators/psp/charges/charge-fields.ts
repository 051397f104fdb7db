import { chargeBalanceField } from '../balance/balance-transactions.js'
import { findPaymentMethod, renderedMethodId } from '../payment-methods/derived-payment-methods.js'
import type { ChargeRecord, IntentRecord } from '../psp-records.js'
import type { PspState } from '../psp-state.js'
import { renderBillingDetails, renderChargeCard, type CardParts } from '../payment-methods/render-cards.js'
import { testPaymentMethods } from '../payment-methods/test-payment-methods.js'

/**
 * The statement descriptor of the simulated account: what card statements show when neither the
 * charge nor its intent set one (a charge's `calculated_statement_descriptor`).
 */
export const accountStatementDescriptor = 'GAMEDAY'

/** The parts of a rendered charge that come from elsewhere than the charge's common record. */
export interface ChargeFields {
  balanceTransaction: unknown
  billingDetails: Readonly<Record<string, unknown>>
  calculatedStatementDescriptor: string
  description: string | null
  disputed: boolean
  /** The intent's id; null for a charge made with `POST /v1/charges`. */
  paymentIntent: string | null
  /** The intent, when the charge has one. */
  intent: IntentRecord | undefined
  paymentMethod: string | null
  paymentMethodDetails: Record<string, unknown>
  receiptEmail: string | null
  statementDescriptor: string | null
}

/**
 * Derives what the charge record does not hold: its balance transaction, whether it is disputed
 * (the dispute index), what `POST /v1/charges/:id` set (`extra`), the PaymentMethod's id as shown
 * (a test token's derived id), the card's checks and funding from its test token, and the
 * incremental authorization its intent asked for.
 */
export function chargeFields(ch: ChargeRecord, state: PspState, expand: ReadonlySet<string>): ChargeFields {
  const pi = ch.paymentIntent ? state.intents.get(ch.paymentIntent) : undefined
  const paymentMethod = ch.paymentIntent
    ? renderedMethodId(ch.paymentIntent, ch.paymentMethod)
    : ch.paymentMethod
  // The charge holds the test token itself in the common case; a created method names its token.
  const token =
    ch.paymentMethod === null || testPaymentMethods.has(ch.paymentMethod)
      ? (ch.paymentMethod ?? undefined)
      : findPaymentMethod(state, ch.paymentMethod)?.testToken
  // Expiry and billing details stay as search reads them (search-fields.ts): 12/2034, none.
  const card: CardParts = { brand: ch.card.brand, last4: ch.card.last4, expMonth: 12, expYear: 2034, token }
  const statementDescriptor = ch.extra?.statementDescriptor ?? null
  return {
    balanceTransaction: chargeBalanceField(ch, state, expand),
    billingDetails: renderBillingDetails(undefined),
    calculatedStatementDescriptor:
      statementDescriptor ?? pi?.statementDescriptor ?? accountStatementDescriptor,
    description: ch.extra?.description ?? null,
    disputed: state.disputesByCharge.has(ch.id),
    paymentIntent: ch.paymentIntent === '' ? null : ch.paymentIntent,
    intent: pi,
    paymentMethod,
    paymentMethodDetails: {
      card: renderChargeCard(
        card,
        ch.status === 'succeeded' ? ch.amount : null,
        pi?.extra?.incrementalAuthorization === true,
      ),
      type: 'card',
    },
    receiptEmail: ch.extra?.receiptEmail ?? null,
    statementDescriptor,
  }
}
