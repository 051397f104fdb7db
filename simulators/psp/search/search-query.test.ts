import { describe, expect, it } from 'vitest'
import { customerSearch, intentSearch, matcher } from './search-fields.js'
import { checkQuery, parseQuery, unparseable, type ParsedQuery } from './search-query.js'

const parsed = (text: string): ParsedQuery => {
  const q = parseQuery(text)
  if ('message' in q) throw new Error(q.message)
  return q
}

describe('parseQuery', () => {
  it('reads clauses, operators, negation, metadata keys, null and escaped quotes', () => {
    expect(parsed(`-metadata["k y"]:'it\\'s' AND amount>=10 and created<5`)).toEqual({
      join: 'and',
      clauses: [
        { negate: true, field: 'metadata', metadataKey: 'k y', op: ':', value: "it's", quoted: true },
        { negate: false, field: 'amount', op: '>=', value: '10', quoted: false },
        { negate: false, field: 'created', op: '<', value: '5', quoted: false },
      ],
    })
    expect(parsed('customer:null OR email~"abc"').join).toBe('or')
    expect(parsed('a:"x" b:"y"').join).toBe('and')
  })

  it.each([
    ['', 'empty'],
    ['status', 'no operator'],
    ['status:succeeded', 'an unquoted string'],
    ['a:"x" AND b:"y" OR c:"z"', 'AND mixed with OR'],
    ['a:"x" AND', 'a dangling AND'],
    ['a:"unterminated', 'an unterminated quote'],
    ['a:"x"b:"y"', 'clauses without a space'],
    [Array.from({ length: 11 }, (_, i) => `amount>${i}`).join(' '), 'more than ten clauses'],
  ])('refuses %j (%s) with Stripe’s parse message', (text) => {
    expect(parseQuery(text)).toEqual({ message: unparseable })
  })
})

describe('checkQuery and matcher', () => {
  it('refuses unknown fields, wrong operators and short substrings', () => {
    expect(checkQuery(parsed('colour:"red"'), intentSearch)?.message).toMatch(
      /^Field `colour` is an unsupported search field for resource `payment_intents`/,
    )
    expect(checkQuery(parsed('status~"succ"'), intentSearch)?.message).toMatch(/does not support the `~`/)
    expect(checkQuery(parsed('amount:"x"'), intentSearch)).toEqual({ message: unparseable })
    expect(checkQuery(parsed('email~"ab"'), customerSearch)?.message).toMatch(/at least 3 characters/)
    expect(checkQuery(parsed('email~"abc" -name:null'), customerSearch)).toBeUndefined()
  })

  it('matches strings case-insensitively, tokens exactly, numbers by comparison', () => {
    const customer = {
      id: 'cus_1',
      email: 'Ada@Example.com',
      name: null,
      description: null,
      phone: null,
      created: 100,
      metadata: { plan: 'Gold' },
      balance: 0,
      currency: null,
      defaultSource: null,
      invoiceSettings: { defaultPaymentMethod: null, footer: null },
      deleted: false,
    }
    const test = (text: string): boolean => matcher(parsed(text), customerSearch)(customer)
    expect(test('email:"ada@example.com"')).toBe(true)
    expect(test('email~"EXAMPLE"')).toBe(true)
    expect(test('name:null')).toBe(true)
    expect(test('-name:null')).toBe(false)
    expect(test('created>99 created<=100')).toBe(true)
    expect(test('created>100 OR metadata["plan"]:"gold"')).toBe(true)
    expect(test('metadata["tier"]:null')).toBe(true)
  })
})
