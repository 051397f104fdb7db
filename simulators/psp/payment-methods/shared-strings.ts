import { testPaymentMethods } from './test-payment-methods.js'

const tokens = new Map([...testPaymentMethods.keys()].map((token) => [token, token]))

/**
 * The table's own string for a test payment method token (`pm_card_visa`), else the id as given.
 * A form decoder hands every request its own copy; a million intents that name the same token
 * should hold one string, not a million (32 bytes each).
 */
export function shareTestToken(id: string): string
export function shareTestToken(id: string | undefined): string | undefined
export function shareTestToken(id: string | undefined): string | undefined {
  return id === undefined ? undefined : (tokens.get(id) ?? id)
}
