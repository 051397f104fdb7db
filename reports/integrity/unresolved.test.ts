import { describe, expect, it } from 'vitest'

import { aRunRecord, ordersOf } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('unresolved orders', () => {
  it('counts none when every order ended paid, failed, refunded or canceled', () => {
    const record = aRunRecord()
    const statuses = ['paid', 'refunded', 'canceled']
    ordersOf(record).forEach((order, i) => (order.status = statuses[i]!))
    expect(checkIntegrity(record).integrity.unresolved).toBe(0)
  })

  it('counts an order left pending at the end of the run', () => {
    const record = aRunRecord()
    ordersOf(record)[2]!.status = 'pending'
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.unresolved).toBe(1)
    expect(findings.find((f) => f.check === 'unresolved')).toMatchObject({ orderId: 'ord_3' })
  })
})
