import { describe, expect, it } from 'vitest'
import { money } from '../money.js'
import { createTaxRateCache } from './tax-estimate.js'

describe('createTaxRateCache', () => {
  it('estimates at the configured rate, half up in minor units', () => {
    const rates = createTaxRateCache(1035)
    expect(rates.estimate(money(2500, 'usd'))).toEqual(money(259, 'usd'))
    expect(rates.estimate(money(0, 'usd'))).toEqual(money(0, 'usd'))
  })

  it('takes the effective rate of the last answered quote', () => {
    const rates = createTaxRateCache(1035)
    rates.learn(money(10_000, 'usd'), money(888, 'usd'))
    expect(rates.rateBps()).toBe(888)
    expect(rates.estimate(money(1200, 'usd'))).toEqual(money(107, 'usd'))
  })

  it('keeps its rate when a quote has nothing to learn from', () => {
    const rates = createTaxRateCache(500)
    rates.learn(money(0, 'usd'), money(0, 'usd'))
    expect(rates.rateBps()).toBe(500)
  })
})
