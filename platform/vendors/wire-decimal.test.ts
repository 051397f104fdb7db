import { describe, expect, it } from 'vitest'
import { money } from '../money.js'
import { fromWireDecimal, toMicros, toWireDecimal } from './wire-decimal.js'

describe('wire decimals', () => {
  it('writes minor units as the decimal of the currency', () => {
    expect(toWireDecimal(money(1999, 'usd'))).toBe(19.99)
    expect(toWireDecimal(money(500, 'jpy'))).toBe(500)
    expect(toWireDecimal(money(1234, 'kwd'))).toBe(1.234)
  })

  it('reads decimals back exactly, rounding half away from zero', () => {
    expect(fromWireDecimal(2.07, 'usd')).toBe(207)
    expect(fromWireDecimal(0.1 + 0.2, 'usd')).toBe(30)
    expect(fromWireDecimal(1.005, 'usd')).toBe(101)
    expect(fromWireDecimal(-2.07, 'usd')).toBe(-207)
    expect(fromWireDecimal(12, 'jpy')).toBe(12)
    expect(() => fromWireDecimal('2.07', 'usd')).toThrow(/decimal/)
  })

  it('writes Sift micros at any exponent', () => {
    expect(toMicros(money(2000, 'usd'))).toBe(20_000_000)
    expect(toMicros(money(2000, 'jpy'))).toBe(2_000_000_000)
    expect(toMicros(money(1, 'kwd'))).toBe(1_000)
  })
})
