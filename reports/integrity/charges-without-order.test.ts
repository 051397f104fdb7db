import { describe, expect, it } from 'vitest'

import { aRunRecord, isoAt, ledgerOf, ordersOf } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('charges without order', () => {
  it('counts none when every capture belongs to a paid order', () => {
    expect(checkIntegrity(aRunRecord()).integrity.chargesWithoutOrder).toBe(0)
  })

  it('counts a capture whose order_id names no order of the platform', () => {
    const record = aRunRecord()
    ordersOf(record).splice(1, 1)
    record.attempts.splice(1, 1)
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.chargesWithoutOrder).toBe(1)
    const finding = findings.find((f) => f.check === 'chargesWithoutOrder')
    expect(finding?.orderId).toBe('ord_2')
    expect(finding?.detail).toContain('1200 usd kept on pi_2')
  })

  it('counts a capture kept for an order that failed', () => {
    const record = aRunRecord()
    ordersOf(record)[0]!.status = 'failed'
    expect(checkIntegrity(record).integrity.chargesWithoutOrder).toBe(1)
  })

  it('counts a capture with no order_id at all', () => {
    const record = aRunRecord()
    ledgerOf(record).push({
      id: 'ch_orphan',
      type: 'capture',
      paymentIntentId: 'pi_orphan',
      amount: 500,
      currency: 'usd',
      idempotencyKey: null,
      metadata: {},
      createdAt: isoAt(700),
    })
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.chargesWithoutOrder).toBe(1)
    expect(findings.find((f) => f.check === 'chargesWithoutOrder')?.detail).toContain('names no order')
  })

  it('does not count a charge for a failed order once it was refunded in full', () => {
    const record = aRunRecord()
    ordersOf(record)[0]!.status = 'failed'
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 're_1', type: 'refund', createdAt: isoAt(900) })
    expect(checkIntegrity(record).integrity.chargesWithoutOrder).toBe(0)
  })
})
