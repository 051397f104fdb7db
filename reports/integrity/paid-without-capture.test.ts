import { describe, expect, it } from 'vitest'

import { aRunRecord, ledgerOf } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('paid without capture', () => {
  it('counts none when every paid order has a capture', () => {
    expect(checkIntegrity(aRunRecord()).integrity.paidWithoutCapture).toBe(0)
  })

  it('counts a paid order the PSP never captured (a forged webhook)', () => {
    const record = aRunRecord()
    record.ledger = ledgerOf(record).filter((entry) => entry.id !== 'ch_3')
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.paidWithoutCapture).toBe(1)
    expect(findings.find((f) => f.check === 'paidWithoutCapture')?.orderId).toBe('ord_3')
  })

  it('finds a capture by order_id even when the order does not list its PaymentIntent', () => {
    const record = aRunRecord()
    for (const entry of ledgerOf(record))
      if (entry.paymentIntentId === 'pi_1') entry.paymentIntentId = 'pi_other'
    expect(checkIntegrity(record).integrity.paidWithoutCapture).toBe(0)
  })
})
