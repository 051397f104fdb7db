import { CURRENCY_EXPONENTS, minorUnits, type CurrencyCode, type Money, type MinorUnits } from '../money.js'

/**
 * Minor units as the decimal a JSON wire carries (AvaTax amounts): `2500` USD → `25`, `1999`
 * → `19.99`. Exact: a decimal of at most three places round-trips through a double.
 * @example toWireDecimal(money(1999, 'usd')) // 19.99
 */
export function toWireDecimal(m: Money): number {
  return Number((m.amount / 10 ** CURRENCY_EXPONENTS[m.currency]).toFixed(CURRENCY_EXPONENTS[m.currency]))
}

/**
 * A wire decimal back to minor units, rounded half away from zero at the currency's exponent
 * (through its decimal text, so `2.07` is 207, not 206.99999999999997).
 * @throws {Error} when `value` is not a finite number.
 * @example fromWireDecimal(2.07, 'usd') // 207
 */
export function fromWireDecimal(value: unknown, currency: CurrencyCode): MinorUnits {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`Failed to read a decimal amount: ${JSON.stringify(value)}`)
  }
  const exponent = CURRENCY_EXPONENTS[currency]
  const negative = value < 0
  const [whole = '0', fraction = ''] = Math.abs(value)
    .toFixed(exponent + 3)
    .split('.')
  const kept = Number(whole + fraction.slice(0, exponent).padEnd(exponent, '0'))
  const roundUp = Number(fraction.slice(exponent, exponent + 1) || '0') >= 5 ? 1 : 0
  return minorUnits((negative ? -1 : 1) * (kept + roundUp))
}

/**
 * Money as Sift's `$amount`: integer micros (1 USD = 1,000,000; 1 JPY = 1,000,000).
 * @example toMicros(money(2000, 'usd')) // 20_000_000
 */
export function toMicros(m: Money): number {
  return m.amount * 10 ** (6 - CURRENCY_EXPONENTS[m.currency])
}
