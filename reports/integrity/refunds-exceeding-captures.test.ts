import { describe, expect, it } from 'vitest'

import { aRunRecord, isoAt, ledgerOf } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('refunds exceeding captures', () => {
  it('counts none when refunds stay within the captured amount', () => {
    const record = aRunRecord()
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 're_1', type: 'refund', amount: 1200, createdAt: isoAt(900) })
    expect(checkIntegrity(record).integrity.refundsExceedingCaptures).toBe(0)
  })

  it('counts a PaymentIntent refunded more than it captured', () => {
    const record = aRunRecord()
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 're_1', type: 'refund', amount: 1200, createdAt: isoAt(900) })
    ledgerOf(record).push({ ...capture, id: 're_2', type: 'refund', amount: 1, createdAt: isoAt(950) })
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.refundsExceedingCaptures).toBe(1)
    expect(findings.find((f) => f.check === 'refundsExceedingCaptures')?.detail).toContain(
      'refunded 1201 usd',
    )
  })
})
