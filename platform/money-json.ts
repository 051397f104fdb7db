import type { Money } from './money.js'
import { Type } from '@sinclair/typebox'

/** Money as the API writes it. */
export interface MoneyJson {
  amountMinor: number
  currency: string
}

/** The JSON schema of {@link MoneyJson}. */
export const MoneyJsonSchema = Type.Object({ amountMinor: Type.Integer(), currency: Type.String() })

/** Money for an API response. */
export function toMoneyJson(m: Money): MoneyJson {
  return { amountMinor: m.amount, currency: m.currency }
}
