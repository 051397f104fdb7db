import { describe, expect, it } from 'vitest'
import { decimalToMinor, minorToDecimal } from './money-decimal.js'

describe('decimalToMinor', () => {
  it('converts decimals exactly at each currency exponent', () => {
    expect(decimalToMinor(10.99, 'USD')).toBe(1099)
    expect(decimalToMinor('0.1', 'usd')).toBe(10)
    expect(decimalToMinor(1.005, 'USD')).toBe(101)
    expect(decimalToMinor(1500, 'JPY')).toBe(1500)
    expect(decimalToMinor('1.2345', 'KWD')).toBe(1235)
    expect(decimalToMinor(-2.5, 'USD')).toBe(-250)
  })

  it('refuses what is not a finite decimal', () => {
    for (const bad of ['abc', '', '1e5', Number.NaN, Infinity, null, {}, '1.2.3'])
      expect(decimalToMinor(bad, 'USD')).toBeUndefined()
  })

  it('formats minor units back to decimals', () => {
    expect(minorToDecimal(1099, 'USD')).toBe(10.99)
    expect(minorToDecimal(1235, 'KWD')).toBe(1.235)
    expect(minorToDecimal(1500, 'JPY')).toBe(1500)
  })
})
