import { describe, expect, it } from 'vitest'
import { microsToMinor } from './micros.js'

describe('microsToMinor', () => {
  it('converts micros to minor units at each currency exponent', () => {
    expect(microsToMinor(115_940_000, 'USD')).toBe(11_594)
    expect(microsToMinor(506_790_000, 'usd')).toBe(50_679)
    expect(microsToMinor(1_000_000, 'JPY')).toBe(1)
    expect(microsToMinor(1_234_567, 'KWD')).toBe(1_235)
    expect(microsToMinor(0, 'EUR')).toBe(0)
  })

  it('rounds half away from zero below the currency exponent', () => {
    expect(microsToMinor(5_000, 'USD')).toBe(1)
    expect(microsToMinor(4_999, 'USD')).toBe(0)
    expect(microsToMinor(1_500_000, 'JPY')).toBe(2)
  })

  it('keeps whole amounts up to the largest safe micros exact', () => {
    expect(microsToMinor(9_007_199_254_000_000, 'USD')).toBe(900_719_925_400)
  })
})
