import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { add, formatMoney, minorUnits, money, MoneyError, multiply, subtract, sum, zero } from './money.js'

const safeAmount = fc.integer({ min: -(2 ** 40), max: 2 ** 40 })

describe('money', () => {
  it('builds minor units only from safe integers', () => {
    expect(minorUnits(1999)).toBe(1999)
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 53]) expect(() => minorUnits(bad)).toThrow(MoneyError)
  })

  it('refuses arithmetic across currencies', () => {
    expect(() => add(money(1, 'usd'), money(1, 'eur'))).toThrow(/Failed to combine usd with eur/)
  })

  it('refuses sums that leave the safe-integer range', () => {
    expect(() => add(money(Number.MAX_SAFE_INTEGER, 'usd'), money(1, 'usd'))).toThrow(MoneyError)
  })

  it('adds commutatively and associatively', () => {
    fc.assert(
      fc.property(safeAmount, safeAmount, safeAmount, (a, b, c) => {
        const [ma, mb, mc] = [money(a, 'usd'), money(b, 'usd'), money(c, 'usd')]
        expect(add(ma, mb)).toEqual(add(mb, ma))
        expect(add(add(ma, mb), mc)).toEqual(add(ma, add(mb, mc)))
      }),
    )
  })

  it('undoes an addition with a subtraction', () => {
    fc.assert(
      fc.property(safeAmount, safeAmount, (a, b) => {
        expect(subtract(add(money(a, 'usd'), money(b, 'usd')), money(b, 'usd'))).toEqual(money(a, 'usd'))
      }),
    )
  })

  it('multiplies like repeated addition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 50 }), (a, n) => {
        const m = money(a, 'usd')
        expect(multiply(m, n)).toEqual(sum(Array<typeof m>(n).fill(m), 'usd'))
      }),
    )
  })

  it('formats with the currency exponent, never through floats', () => {
    expect(formatMoney(money(1999, 'usd'))).toBe('19.99 USD')
    expect(formatMoney(money(5, 'usd'))).toBe('0.05 USD')
    expect(formatMoney(money(-1234, 'kwd'))).toBe('-1.234 KWD')
    expect(formatMoney(money(500, 'jpy'))).toBe('500 JPY')
    expect(formatMoney(zero('eur'))).toBe('0.00 EUR')
  })
})
