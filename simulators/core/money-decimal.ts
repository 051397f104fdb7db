/** Minor-unit exponent per currency (ISO 4217); 2 unless listed. */
const exponents = new Map<string, number>([
  ['JPY', 0],
  ['KRW', 0],
  ['VND', 0],
  ['CLP', 0],
  ['ISK', 0],
  ['KWD', 3],
  ['BHD', 3],
  ['JOD', 3],
  ['OMR', 3],
  ['TND', 3],
])

/** Digits after the decimal point of a currency's amounts. */
function currencyExponent(currency: string): number {
  return exponents.get(currency) ?? exponents.get(currency.toUpperCase()) ?? 2
}

/*
 * Below this many minor units, `minor / 10 ** exponent` is already the double nearest the exact
 * decimal (one correctly rounded division of exact integers), which is what parsing its
 * `toFixed` text gives — without the string round trip, which a transaction's render does a few
 * dozen times. Larger amounts keep the round trip.
 */
const exactDivisionLimit = 1e12

/**
 * Parses a decimal amount (a JSON number or string, as AvaTax sends) into integer minor units,
 * rounding half away from zero at the currency's exponent, without floating-point arithmetic.
 * Returns undefined for anything that is not a finite decimal.
 * @example decimalToMinor(10.995, 'USD') // 1100
 */
export function decimalToMinor(value: unknown, currency: string): number | undefined {
  const text =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? numberText(value)
        : ''
      : typeof value === 'string'
        ? value.trim()
        : ''
  const match = /^(-?)(\d{1,15})(?:\.(\d{1,20}))?$/.exec(text)
  if (!match) return undefined
  const [, sign, whole = '0', fraction = ''] = match
  const exponent = currencyExponent(currency)
  const kept = fraction.padEnd(exponent, '0').slice(0, exponent)
  const roundUp = (fraction[exponent] ?? '0') >= '5'
  const minor = Number(whole) * 10 ** exponent + (kept === '' ? 0 : Number(kept)) + (roundUp ? 1 : 0)
  if (!Number.isSafeInteger(minor)) return undefined
  return sign === '-' ? -minor : minor
}

/** Formats minor units as a decimal number for the wire (AvaTax answers numbers). */
export function minorToDecimal(minor: number, currency: string): number {
  const exponent = currencyExponent(currency)
  const value = minor / 10 ** exponent
  if (Number.isInteger(minor) && Math.abs(minor) < exactDivisionLimit) return value === 0 ? 0 : value
  return Number(value.toFixed(exponent))
}

function numberText(value: number): string {
  // Avoid exponent notation for small or large numbers.
  return Math.abs(value) < 1e-6 || Math.abs(value) >= 1e21 ? value.toFixed(20) : String(value)
}
