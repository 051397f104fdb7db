import { describe, expect, it } from 'vitest'

import { aRunRecord, ordersOf } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('checkIntegrity', () => {
  it('passes a correct run and reports every check that could run', () => {
    const { integrity, findings } = checkIntegrity(aRunRecord())
    expect(integrity).toMatchObject({
      duplicateCharges: 0,
      lostOrders: 0,
      chargesWithoutOrder: 0,
      paidWithoutCapture: 0,
      amountMismatches: 0,
      refundsExceedingCaptures: 0,
      unresolved: 0,
      recovered: 0,
      pass: true,
    })
    expect(findings).toEqual([])
  })

  it('lists the checks nothing was recorded for as skipped, never as 0', () => {
    const { integrity } = checkIntegrity(aRunRecord())
    for (const check of ['oversell', 'stateMismatches', 'lostEvents', 'webhooksProcessedTwice'] as const) {
      expect(integrity).not.toHaveProperty(check)
      expect(integrity.skipped).toContainEqual({ check, reason: 'not recorded by this run' })
    }
  })

  it('checks oversell when the run recorded the inventory, and fails on units sold beyond stock', () => {
    const record = aRunRecord()
    record.inventory = [{ sku: 'sku_limited', initialStock: 10, stock: 0, paidQuantity: 10 }]
    expect(checkIntegrity(record).integrity).toMatchObject({ oversell: 0, pass: true })
    record.inventory = [{ sku: 'sku_limited', initialStock: 10, stock: 0, paidQuantity: 13 }]
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity).toMatchObject({ oversell: 3, pass: false })
    expect(findings.map((f) => f.check)).toEqual(['oversell'])
  })

  it('finds paid orders whose OrderPaid was never published, once events are recorded', () => {
    const record = aRunRecord()
    const paidIds = ordersOf(record).map((o) => o.id)
    record.publishedEvents = paidIds.map((orderId, i) => ({
      eventId: `evt_${i}`,
      type: 'OrderPaid',
      orderId,
    }))
    expect(checkIntegrity(record).integrity).toMatchObject({ lostEvents: 0, pass: true })
    record.publishedEvents = record.publishedEvents.slice(1)
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity).toMatchObject({ lostEvents: 1, pass: false })
    expect(findings).toEqual([expect.objectContaining({ check: 'lostEvents', orderId: paidIds[0] })])
  })

  it('counts webhook events the platform processed more than once', () => {
    const record = aRunRecord()
    record.webhooks = [{ id: 'evt_1', type: 'payment_intent.succeeded', orderId: 'ord_1', processedCount: 1 }]
    expect(checkIntegrity(record).integrity).toMatchObject({ webhooksProcessedTwice: 0, pass: true })
    record.webhooks = [{ id: 'evt_1', type: 'payment_intent.succeeded', orderId: 'ord_1', processedCount: 3 }]
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity).toMatchObject({ webhooksProcessedTwice: 2, pass: false })
    expect(findings[0]?.detail).toMatch(/processed 3 times/)
  })

  it('skips the checks that need the ledger when it could not be read, leaving their counts absent', () => {
    const record = aRunRecord()
    record.ledger = { skipped: 'PSP admin API timed out' }
    const { integrity } = checkIntegrity(record)
    for (const check of [
      'duplicateCharges',
      'chargesWithoutOrder',
      'paidWithoutCapture',
      'amountMismatches',
      'refundsExceedingCaptures',
      'moneyConservation',
    ] as const) {
      expect(integrity).not.toHaveProperty(check)
      expect(integrity.skipped?.find((s) => s.check === check)?.reason).toContain('PSP admin API timed out')
    }
    expect(integrity.lostOrders).toBe(0)
    expect(integrity.unresolved).toBe(0)
    expect(integrity.pass).toBe(true)
  })

  it('skips the checks that need the orders when they could not be read', () => {
    const record = aRunRecord()
    record.orders = { skipped: 'platform down' }
    const { integrity } = checkIntegrity(record)
    for (const check of [
      'lostOrders',
      'chargesWithoutOrder',
      'unresolved',
      'recovered',
      'heldForReview',
      'moneyConservation',
    ] as const) {
      expect(integrity).not.toHaveProperty(check)
      expect(integrity.skipped?.map((s) => s.check)).toContain(check)
    }
    expect(integrity.duplicateCharges).toBe(0)
    expect(integrity.refundsExceedingCaptures).toBe(0)
  })

  it('fails when any check that ran found a defect', () => {
    const record = aRunRecord()
    record.attempts[0]!.outcome = { type: 'ok', status: 201, orderId: 'ord_missing', orderStatus: 'paid' }
    expect(checkIntegrity(record).integrity.pass).toBe(false)
  })

  it('writes the counts in the order of the report.json contract', () => {
    const keys = Object.keys(checkIntegrity(aRunRecord()).integrity)
    expect(keys).toEqual([
      'duplicateCharges',
      'lostOrders',
      'chargesWithoutOrder',
      'paidWithoutCapture',
      'amountMismatches',
      'refundsExceedingCaptures',
      'moneyConservation',
      'unresolved',
      'recovered',
      'heldForReview',
      'clientCausedDuplicates',
      'pass',
      'skipped',
    ])
  })
})

describe('checkIntegrity with a source missing altogether', () => {
  it('skips the checks that need it instead of throwing', () => {
    const record = aRunRecord()
    ;(record as { ledger?: unknown }).ledger = undefined
    const { integrity } = checkIntegrity(record)
    expect(integrity).not.toHaveProperty('duplicateCharges')
    expect(integrity.skipped?.find((s) => s.check === 'duplicateCharges')?.reason).toBe(
      'PSP ledger not read: the run record has none',
    )
  })
})

describe('held for review', () => {
  it('counts an order a fraud review holds apart, never as unresolved', () => {
    const record = aRunRecord()
    const orders = record.orders as Array<{ status: string }>
    orders[0]!.status = 'held_for_review'
    orders[1]!.status = 'payment_pending'
    const { integrity } = checkIntegrity(record)
    expect(integrity.heldForReview).toBe(1)
    expect(integrity.unresolved).toBe(1)
  })
})
