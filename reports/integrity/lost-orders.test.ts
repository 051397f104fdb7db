import { describe, expect, it } from 'vitest'

import { aCheckout, aRunRecord, ordersOf } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('lost orders', () => {
  it('counts none when every acknowledged order is paid', () => {
    expect(checkIntegrity(aRunRecord()).integrity.lostOrders).toBe(0)
  })

  it('counts an acknowledged checkout whose order the platform does not have', () => {
    const lost = aCheckout(4)
    const record = aRunRecord([aCheckout(1), lost])
    ordersOf(record).pop()
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.lostOrders).toBe(1)
    const finding = findings.find((f) => f.check === 'lostOrders')
    expect(finding).toMatchObject({ orderId: 'ord_4', idempotencyKey: 'key_4' })
    expect(finding?.detail).toContain('does not have')
  })

  it('counts an acknowledged order that did not end paid', () => {
    const record = aRunRecord()
    ordersOf(record)[0]!.status = 'failed'
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.lostOrders).toBe(1)
    expect(findings.find((f) => f.check === 'lostOrders')?.detail).toContain('ended failed')
  })

  it('does not count an acknowledged order that was paid and then refunded', () => {
    const record = aRunRecord()
    ordersOf(record)[0]!.status = 'refunded'
    expect(checkIntegrity(record).integrity.lostOrders).toBe(0)
  })

  it('does not count checkouts the client never saw succeed', () => {
    const record = aRunRecord()
    record.attempts[0]!.outcome = { type: 'info', reason: 'timeout' }
    ordersOf(record).shift()
    expect(checkIntegrity(record).integrity.lostOrders).toBe(0)
  })
})
