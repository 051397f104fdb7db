import { describe, expect, it } from 'vitest'
import type { TaxTransaction } from './tax-records.js'
import { parseFilter } from './transaction-filter.js'

const tx = (over: Partial<TaxTransaction>): TaxTransaction => ({
  id: 1,
  code: 'a',
  companyCode: 'C',
  type: 'SalesInvoice',
  status: 'Committed',
  date: '2026-11-20',
  customerCode: 'cus',
  currencyCode: 'USD',
  shipTo: {},
  lines: [],
  totalAmountMinor: 1000,
  totalTaxMinor: 100,
  totalTaxableMinor: 1000,
  totalExemptMinor: 0,
  version: 1,
  adjustmentReason: null,
  referenceCode: null,
  modifiedDate: '2026-11-20T00:00:00.000Z',
  ...over,
})

const matches = (filter: string, t: TaxTransaction): boolean => {
  const parsed = parseFilter(filter)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.test(t)
}

describe('parseFilter', () => {
  it('tests strings in any case, dates by day, and amounts as decimals', () => {
    expect(matches("status eq 'committed'", tx({}))).toBe(true)
    expect(matches("status ne 'Committed'", tx({}))).toBe(false)
    expect(matches("date ge '2026-11-20T00:00:00'", tx({}))).toBe(true)
    expect(matches('date lt 2026-11-20', tx({}))).toBe(false)
    expect(matches('totalTax gt 0.99 and totalAmount le 10', tx({}))).toBe(true)
    expect(matches("code eq 'it''s'", tx({ code: "it's" }))).toBe(true)
  })

  it('binds and tighter than or, and names the fields it tests', () => {
    expect(matches("code eq 'x' or status eq 'Committed' and type eq 'SalesInvoice'", tx({}))).toBe(true)
    expect(matches("code eq 'x' and status eq 'Committed' or type eq 'ReturnInvoice'", tx({}))).toBe(false)
    const parsed = parseFilter("date ge '2026-01-01' and code eq 'a'")
    expect(parsed.ok && [...parsed.fields]).toEqual(['date', 'code'])
  })

  it.each([
    "colour eq 'red'",
    "status is 'x'",
    "status eq 'x' and",
    "code eq 'open",
    'code eq bare',
    '(id eq 1)',
  ])('refuses %s', (filter) => {
    expect(parseFilter(filter).ok).toBe(false)
  })
})
