import type { IntentRecord, PaymentMethodRecord } from '../psp-records.js'
import type { PspState } from '../psp-state.js'
import { testPaymentMethods } from './test-payment-methods.js'

/*
 * Stripe turns a test token (`pm_card_visa`) used on a PaymentIntent into a new PaymentMethod,
 * a copy of the test card with its own `pm_…` id. Storing one per intent would cost a record per
 * intent, so the id is derived instead: `pm_` + the intent id after `pi_` + one character naming
 * the token (a retry with another test card on the same intent is another PaymentMethod, as in
 * Stripe). The intent keeps the token; the id is made when rendered and read back when asked for.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const tokens = [...testPaymentMethods.keys()].slice(0, alphabet.length)
const codeOf = new Map(tokens.map((token, i) => [token, alphabet[i] ?? '']))
const tokenOf = new Map(tokens.map((token, i) => [alphabet[i] ?? '', token]))

/**
 * The id an intent's payment method shows: a test token becomes the intent's own derived id,
 * anything else (a created `pm_…`, a derived id given back) is shown as it is.
 * @example renderedMethodId('pi_000001abc', 'pm_card_visa') // 'pm_000001abcA'
 */
export function renderedMethodId(intentId: string, paymentMethod: string): string
export function renderedMethodId(intentId: string, paymentMethod: string | null): string | null
export function renderedMethodId(intentId: string, paymentMethod: string | null): string | null {
  if (paymentMethod === null || !intentId.startsWith('pi_')) return paymentMethod
  const code = codeOf.get(paymentMethod)
  return code === undefined ? paymentMethod : `pm_${intentId.slice(3)}${code}`
}

/** Whether the intent (or one of its charges) used `token` or the derived id itself. */
function used(state: PspState, pi: IntentRecord, token: string, id: string): boolean {
  if (pi.paymentMethod === token || pi.paymentMethod === id) return true
  return state.chargesByIntent.get(pi.id).some((chargeId) => {
    const method = state.charges.get(chargeId)?.paymentMethod
    return method === token || method === id
  })
}

/**
 * The PaymentMethod behind a derived id, built from its intent and test token (not stored);
 * undefined unless that intent exists and used that token.
 */
export function derivedPaymentMethod(state: PspState, id: string): PaymentMethodRecord | undefined {
  if (!id.startsWith('pm_') || id.length < 5) return undefined
  const token = tokenOf.get(id.slice(-1))
  const pi = token === undefined ? undefined : state.intents.get(`pi_${id.slice(3, -1)}`)
  if (!pi || token === undefined || !used(state, pi, token, id)) return undefined
  const test = testPaymentMethods.get(token)
  if (!test) return undefined
  return {
    id,
    testToken: token,
    card: { brand: test.brand, last4: test.last4, expMonth: 12, expYear: 2034 },
    customer: null,
    created: pi.created,
    metadata: {},
  }
}

/** A stored PaymentMethod (an attached derived one is stored under its id), else a derived one. */
export function findPaymentMethod(state: PspState, id: string): PaymentMethodRecord | undefined {
  return state.paymentMethods.get(id) ?? derivedPaymentMethod(state, id)
}
