import type { CurrencyCode, Money } from '../money.js'
import type { FraudCategory } from './fraud-client.js'

/**
 * Default `fraud-fail-open` limits, minor units per currency: an order below is accepted when the
 * fraud vendor fails, one at or above is held for review. About 100 USD in each currency.
 */
export const DEFAULT_FAIL_OPEN_LIMITS: Readonly<Record<CurrencyCode, number>> = {
  usd: 10_000,
  eur: 10_000,
  gbp: 10_000,
  jpy: 15_000,
  kwd: 30_000,
}

/**
 * What `fraud-fail-open` decides when the fraud vendor gave no answer: accept below the
 * currency's limit, hold for review at or above it.
 * @example failOpenCategory(money(5000, 'usd'), DEFAULT_FAIL_OPEN_LIMITS) // 'accept'
 */
export function failOpenCategory(
  amount: Money,
  limits: Readonly<Record<CurrencyCode, number>>,
): Extract<FraudCategory, 'accept' | 'watch'> {
  return amount.amount < limits[amount.currency] ? 'accept' : 'watch'
}
