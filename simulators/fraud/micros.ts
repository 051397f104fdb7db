import { decimalToMinor } from '../core/money-decimal.js'

const microsPerUnit = 1_000_000

/**
 * Sift's micros (1 USD = 1,000,000) → integer minor units at the currency's exponent
 * (USD 2, JPY 0, KWD 3), rounding half away from zero without floating-point arithmetic.
 * @example microsToMinor(115_940_000, 'USD') // 11594
 * @example microsToMinor(1_500_000, 'JPY') // 2
 */
export function microsToMinor(micros: number, currency: string): number {
  const whole = Math.trunc(micros / microsPerUnit)
  const fraction = String(Math.abs(micros % microsPerUnit)).padStart(6, '0')
  const minor = decimalToMinor(`${micros < 0 ? '-' : ''}${Math.abs(whole)}.${fraction}`, currency)
  if (minor === undefined) throw new Error(`Failed to convert micros (${micros} ${currency}): out of range`)
  return minor
}
