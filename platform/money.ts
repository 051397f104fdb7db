/** An integer amount in a currency's smallest unit (cents for USD). Build it with {@link minorUnits}. */
export type MinorUnits = number & { readonly __brand: 'MinorUnits' }

/** ISO 4217 code, lower case as Stripe writes it. */
export type CurrencyCode = 'usd' | 'eur' | 'gbp' | 'jpy' | 'kwd'

/** An amount with its currency. */
export interface Money {
  readonly amount: MinorUnits
  readonly currency: CurrencyCode
}

/** Decimal exponent per currency (JPY 0, USD 2, KWD 3). */
export const CURRENCY_EXPONENTS: Readonly<Record<CurrencyCode, number>> = {
  usd: 2,
  eur: 2,
  gbp: 2,
  jpy: 0,
  kwd: 3,
}

/** Thrown on an amount that is not a safe integer, or arithmetic across currencies. */
export class MoneyError extends Error {
  constructor(
    readonly code: 'MONEY_NOT_SAFE_INTEGER' | 'MONEY_CURRENCY_MISMATCH' | 'MONEY_UNKNOWN_CURRENCY',
    message: string,
  ) {
    super(message)
    this.name = 'MoneyError'
  }
}

/**
 * The only way to make {@link MinorUnits}.
 * @throws {MoneyError} unless `Number.isSafeInteger(value)`.
 * @example minorUnits(1999) // $19.99 in USD
 */
export function minorUnits(value: number): MinorUnits {
  if (!Number.isSafeInteger(value)) {
    throw new MoneyError(
      'MONEY_NOT_SAFE_INTEGER',
      `Failed to make minor units (${value}): not a safe integer`,
    )
  }
  return value as MinorUnits
}

/** True when `code` is a currency the platform knows. */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCY_EXPONENTS, code)
}

/** Builds a {@link Money}; validates both parts. */
export function money(amount: number, currency: string): Money {
  if (!isCurrencyCode(currency)) {
    throw new MoneyError('MONEY_UNKNOWN_CURRENCY', `Failed to make money (${currency}): unknown currency`)
  }
  return { amount: minorUnits(amount), currency }
}

/** Zero in `currency`. */
export function zero(currency: CurrencyCode): Money {
  return { amount: minorUnits(0), currency }
}

/** a + b, same currency only; throws when the sum leaves the safe-integer range. */
export function add(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return { amount: minorUnits(a.amount + b.amount), currency: a.currency }
}

/** a − b, same currency only. */
export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return { amount: minorUnits(a.amount - b.amount), currency: a.currency }
}

/** a × an integer factor (a quantity). */
export function multiply(a: Money, factor: number): Money {
  return { amount: minorUnits(a.amount * minorUnits(factor)), currency: a.currency }
}

/** Σ amounts, all in `currency`. */
export function sum(amounts: readonly Money[], currency: CurrencyCode): Money {
  return amounts.reduce(add, zero(currency))
}

/** Formats for humans at the edge, e.g. `19.99 USD`; never used for arithmetic. */
export function formatMoney(m: Money): string {
  const exp = CURRENCY_EXPONENTS[m.currency]
  const sign = m.amount < 0 ? '-' : ''
  const digits = Math.abs(m.amount)
    .toString()
    .padStart(exp + 1, '0')
  const whole = digits.slice(0, digits.length - exp)
  const frac = exp > 0 ? `.${digits.slice(-exp)}` : ''
  return `${sign}${whole}${frac} ${m.currency.toUpperCase()}`
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError('MONEY_CURRENCY_MISMATCH', `Failed to combine ${a.currency} with ${b.currency}`)
  }
}
