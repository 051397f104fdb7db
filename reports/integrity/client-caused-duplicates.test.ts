import { describe, expect, it } from 'vitest'

import {
  aCheckout,
  aFreshKeyDoubleCharge,
  aRunRecord,
  isoAt,
  ledgerOf,
  ordersOf,
} from '../testing/run-record-factory.js'
import type { RunRecord } from '../types.js'
import { checkIntegrity } from './check-integrity.js'

/**
 * Checkout 1 whose answer was lost, retried by the shopper's app under a fresh key and charged
 * again as order 9; the fresh try's answer is what the client saw.
 */
function aFreshKeyDoubleChargeSeen(): { record: RunRecord; freshKey: string } {
  const fixture = aFreshKeyDoubleCharge()
  const attempt = fixture.record.attempts[0]!
  attempt.tries = 2
  attempt.outcome = { type: 'ok', status: 201, orderId: 'ord_9', orderStatus: 'paid' }
  return fixture
}

describe('client-caused duplicates', () => {
  it('counts a charge under a fresh key of a checkout also charged under its own key, and never fails', () => {
    const { record, freshKey } = aFreshKeyDoubleChargeSeen()
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.clientCausedDuplicates).toBe(1)
    expect(integrity.duplicateCharges).toBe(0)
    expect(integrity.lostOrders).toBe(0)
    expect(integrity.chargesWithoutOrder).toBe(0)
    expect(integrity.pass).toBe(true)
    const finding = findings.find((f) => f.check === 'clientCausedDuplicates')!
    expect(finding).toMatchObject({ orderId: 'ord_9', idempotencyKey: freshKey })
    expect(finding.detail).toContain('fresh Idempotency-Key')
    expect(finding.detail).toContain('checkout key_1')
    // The journey's client events are told once, though it is listed under both keys.
    const clientEvents = finding.timeline.filter((event) => event.source === 'client')
    expect(new Set(clientEvents.map((e) => `${e.atMs} ${e.event}`)).size).toBe(clientEvents.length)
    expect(clientEvents.length).toBeGreaterThan(0)
    expect(findings.some((f) => f.check === 'duplicateCharges')).toBe(false)
  })

  it('still fails a second charge under one key, fresh keys or not', () => {
    const { record } = aFreshKeyDoubleChargeSeen()
    const original = ledgerOf(record).find((entry) => entry.id === 'ch_2')!
    ledgerOf(record).push({ ...original, id: 'ch_2b', paymentIntentId: 'pi_2b', createdAt: isoAt(900) })
    const { integrity } = checkIntegrity(record)
    expect(integrity.duplicateCharges).toBe(1)
    expect(integrity.clientCausedDuplicates).toBe(1)
    expect(integrity.pass).toBe(false)
  })

  it('counts none when only one of a checkout’s keys was charged', () => {
    const first = aCheckout(1)
    first.attempt.freshKeys = ['key_1~fresh1']
    const { integrity } = checkIntegrity(aRunRecord([first, aCheckout(2)]))
    expect(integrity.clientCausedDuplicates).toBe(0)
    expect(integrity.pass).toBe(true)
  })

  it('counts as recovered an indeterminate checkout whose fresh-key order was paid', () => {
    const { record } = aFreshKeyDoubleChargeSeen()
    // Under its own key nothing happened; under the fresh one the order was paid.
    record.attempts[0]!.outcome = { type: 'info', reason: 'timeout' }
    record.orders = ordersOf(record).filter((order) => order.id !== 'ord_1')
    record.ledger = ledgerOf(record).filter((entry) => entry.metadata.order_id !== 'ord_1')
    const { integrity } = checkIntegrity(record)
    expect(integrity.recovered).toBe(1)
    expect(integrity.clientCausedDuplicates).toBe(0)
    expect(integrity.pass).toBe(true)
  })

  it('is skipped when the PSP ledger was not read', () => {
    const record = aRunRecord()
    record.ledger = { skipped: 'PSP down' }
    const { integrity } = checkIntegrity(record)
    expect(integrity).not.toHaveProperty('clientCausedDuplicates')
    expect(integrity.skipped?.map((s) => s.check)).toContain('clientCausedDuplicates')
  })
})

describe('a checkout acknowledged under a fresh key', () => {
  it('is no lost order when the order it was told of, made under the fresh key, was paid', () => {
    // Only the fresh key's order exists: the client was told of it.
    const { record } = aFreshKeyDoubleChargeSeen()
    record.orders = ordersOf(record).filter((order) => order.id !== 'ord_1')
    record.ledger = ledgerOf(record).filter((entry) => entry.metadata.order_id !== 'ord_1')
    const { integrity } = checkIntegrity(record)
    expect(integrity).toMatchObject({
      lostOrders: 0,
      chargesWithoutOrder: 0,
      clientCausedDuplicates: 0,
      pass: true,
    })
  })
})
