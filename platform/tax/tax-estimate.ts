import { minorUnits, type Money } from '../money.js'

/** The rate table `tax-fallback` estimates from, kept current by every quote the vendor answers. */
export interface TaxRateCache {
  /** Records a quote the vendor answered: its rate becomes the estimate's. */
  learn(subtotal: Money, tax: Money): void
  /** Tax estimated on `subtotal` at the last rate learned (or the configured one). */
  estimate(subtotal: Money): Money
  /** The rate now, basis points (1035 = 10.35%), to hundredths. */
  rateBps(): number
}

/**
 * A one-destination rate table: the platform ships every order to one address, so one rate,
 * seeded from config and replaced by the effective rate of each answered quote. Rates are held in
 * hundredths of a basis point so that NY's 8.875% is exact.
 *
 * @example
 * const rates = createTaxRateCache(1035)
 * rates.estimate(money(2500, 'usd')) // 259 usd (10.35%, half up)
 */
export function createTaxRateCache(initialRateBps: number): TaxRateCache {
  let rateCentiBps = Math.round(initialRateBps * 100)
  return {
    learn(subtotal, tax) {
      if (subtotal.amount <= 0 || tax.currency !== subtotal.currency) return
      rateCentiBps = Math.round((tax.amount * 1_000_000) / subtotal.amount)
    },
    estimate(subtotal) {
      // Half up on integers: (a·r + 5e5) / 1e6, floored.
      const tax = Math.floor((subtotal.amount * rateCentiBps + 500_000) / 1_000_000)
      return { amount: minorUnits(tax), currency: subtotal.currency }
    },
    rateBps: () => rateCentiBps / 100,
  }
}
