import { describe, expect, it } from 'vitest'

import { aCheckout, aRunRecord, isoAt, ledgerOf, ordersOf } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('duplicate charges', () => {
  it('counts none on a run where each order was captured once', () => {
    const { integrity, findings } = checkIntegrity(aRunRecord())
    expect(integrity.duplicateCharges).toBe(0)
    expect(findings.filter((finding) => finding.check === 'duplicateCharges')).toEqual([])
  })

  it('counts a second capture for one order_id and names the order in its finding', () => {
    const record = aRunRecord()
    const original = ledgerOf(record).find((entry) => entry.id === 'ch_2')!
    ledgerOf(record).push({ ...original, id: 'ch_2b', paymentIntentId: 'pi_2b', createdAt: isoAt(900) })
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.duplicateCharges).toBe(1)
    const finding = findings.find((f) => f.check === 'duplicateCharges')!
    expect(finding.orderId).toBe('ord_2')
    expect(finding.detail).toContain('ch_2b')
    expect(finding.timeline.map((event) => event.source)).toEqual(
      expect.arrayContaining(['client', 'platform', 'psp']),
    )
    expect(finding.timeline.some((event) => event.event.includes('ch_2b'))).toBe(true)
  })

  it('counts a second order and capture under one checkout key (a client retry without idempotency)', () => {
    const first = aCheckout(1)
    const retry = aCheckout(9)
    retry.order.idempotencyKey = 'key_1'
    retry.attempt.idempotencyKey = 'key_1'
    for (const entry of retry.ledger) entry.metadata = { order_id: 'ord_9', checkout_key: 'key_1' }
    const { integrity, findings } = checkIntegrity(aRunRecord([first, retry]))
    expect(integrity.duplicateCharges).toBe(1)
    expect(findings.find((f) => f.check === 'duplicateCharges')?.idempotencyKey).toBe('key_1')
  })

  it('counts an extra capture once when both its order and its key flag it', () => {
    const record = aRunRecord()
    const original = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...original, id: 'ch_1b', createdAt: isoAt(800) })
    ledgerOf(record).push({ ...original, id: 'ch_1c', createdAt: isoAt(900) })
    expect(checkIntegrity(record).integrity.duplicateCharges).toBe(2)
  })

  it('still counts an extra charge that was refunded later, and says so', () => {
    const record = aRunRecord()
    const original = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...original, id: 'ch_1b', paymentIntentId: 'pi_1b', createdAt: isoAt(800) })
    ledgerOf(record).push({
      ...original,
      id: 're_1b',
      type: 'refund',
      paymentIntentId: 'pi_1b',
      createdAt: isoAt(950),
    })
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.duplicateCharges).toBe(1)
    expect(findings.find((f) => f.check === 'duplicateCharges')?.detail).toContain('1200 refunded')
  })

  it('counts the platform retrying a PSP call without its key: one order, two PaymentIntents, two captures', () => {
    const record = aRunRecord()
    const order = ordersOf(record)[0]!
    order.paymentIntentIds.push('pi_1_retry')
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({
      ...capture,
      id: 'ch_1_retry',
      paymentIntentId: 'pi_1_retry',
      idempotencyKey: null,
    })
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.duplicateCharges).toBe(1)
    expect(integrity.chargesWithoutOrder).toBe(0)
    expect(findings.find((f) => f.check === 'duplicateCharges')?.detail).toContain(
      'capture ch_1_retry of pi_1_retry (1200 usd) is an extra charge for order ord_1, after capture ch_1 of pi_1',
    )
  })
})

describe('duplicate charges under manual capture', () => {
  it('counts a second authorisation for one order that was never captured, and says whether it was cancelled', () => {
    const record = aRunRecord()
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_2')!
    ledgerOf(record).push({
      ...capture,
      id: 'auth_2b',
      type: 'authorization',
      paymentIntentId: 'pi_2b',
      createdAt: isoAt(700),
    })
    let result = checkIntegrity(record)
    expect(result.integrity.duplicateCharges).toBe(1)
    expect(result.findings.find((f) => f.check === 'duplicateCharges')?.detail).toMatch(
      /authorization auth_2b of pi_2b .* extra hold for order ord_2.*never captured nor cancelled/,
    )
    ledgerOf(record).push({
      ...capture,
      id: 'cx_2b',
      type: 'cancel',
      paymentIntentId: 'pi_2b',
      createdAt: isoAt(950),
    })
    result = checkIntegrity(record)
    expect(result.integrity.duplicateCharges).toBe(1)
    expect(result.findings.find((f) => f.check === 'duplicateCharges')?.detail).toContain('cancelled since')
  })

  it('counts nothing for an authorisation and the capture of the same PaymentIntent', () => {
    const record = aRunRecord()
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_2')!
    ledgerOf(record).push({ ...capture, id: 'auth_2', type: 'authorization', createdAt: isoAt(1) })
    expect(checkIntegrity(record).integrity.duplicateCharges).toBe(0)
  })
})
