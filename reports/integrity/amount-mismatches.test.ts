import { describe, expect, it } from 'vitest'

import { aRunRecord, ledgerOf } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('amount mismatches', () => {
  it('counts none when every capture matches its order total, whatever the currency case', () => {
    const record = aRunRecord()
    for (const entry of ledgerOf(record)) entry.currency = 'USD'
    expect(checkIntegrity(record).integrity.amountMismatches).toBe(0)
  })

  it('counts a capture of a different amount than the order total', () => {
    const record = aRunRecord()
    ledgerOf(record).find((entry) => entry.id === 'ch_2')!.amount = 1199
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.amountMismatches).toBe(1)
    expect(findings.find((f) => f.check === 'amountMismatches')?.detail).toContain('1199 usd')
  })

  it('counts a capture in a different currency than the order', () => {
    const record = aRunRecord()
    ledgerOf(record).find((entry) => entry.id === 'ch_1')!.currency = 'eur'
    expect(checkIntegrity(record).integrity.amountMismatches).toBe(1)
  })
})
