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

describe('minorToDecimal, the fast path', () => {
  it('equals parsing the toFixed text for every amount it takes (random and edge amounts)', () => {
    const slow = (minor: number, exponent: number): number =>
      Number((minor / 10 ** exponent).toFixed(exponent))
    const amounts = [0, -0, 1, -1, 5, 49, 50, 99, 101, 105, 1005, 999_999_999_999, -999_999_999_999]
    let seed = 7
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      amounts.push((seed % 2 ? -1 : 1) * Math.floor((seed / 2_147_483_648) * 10 ** (1 + (i % 12))))
    }
    for (const [currency, exponent] of [
      ['USD', 2],
      ['jpy', 0],
      ['KWD', 3],
    ] as const)
      for (const minor of amounts) expect(minorToDecimal(minor, currency)).toBe(slow(minor, exponent))
  })
})
