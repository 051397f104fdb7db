import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { aCheckout, aRunRecord, isoAt, ledgerOf, ordersOf } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('money conservation', () => {
  it('balances per currency when captures minus refunds equal the paid orders', () => {
    const record = aRunRecord([aCheckout(1), aCheckout(2, { currency: 'EUR', amountMinor: 999 })])
    const { moneyConservation } = checkIntegrity(record).integrity
    expect(moneyConservation).toEqual({
      eur: { captured: 999, refunded: 0, paidOrders: 999, balanced: true },
      usd: { captured: 1200, refunded: 0, paidOrders: 1200, balanced: true },
    })
  })

  it('balances a refunded order: its capture and refund cancel out', () => {
    const record = aRunRecord()
    ordersOf(record)[0]!.status = 'refunded'
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 're_1', type: 'refund', createdAt: isoAt(900) })
    const { integrity } = checkIntegrity(record)
    expect(integrity.moneyConservation?.usd).toEqual({
      captured: 3600,
      refunded: 1200,
      paidOrders: 2400,
      balanced: true,
    })
    expect(integrity.pass).toBe(true)
  })

  it('balances a partly refunded order by what it keeps, and catches a refund the platform did not record', () => {
    const record = aRunRecord()
    const order = ordersOf(record)[0]!
    order.refundedMinor = 480
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 're_1', type: 'refund', amount: 480, createdAt: isoAt(900) })
    expect(checkIntegrity(record).integrity.moneyConservation?.usd).toEqual({
      captured: 3600,
      refunded: 480,
      paidOrders: 3120,
      balanced: true,
    })
    // The PSP refunded the same part twice (a retry without its key): the books no longer balance.
    ledgerOf(record).push({ ...capture, id: 're_1b', type: 'refund', amount: 480, createdAt: isoAt(950) })
    expect(checkIntegrity(record).integrity.moneyConservation?.usd?.balanced).toBe(false)
  })

  it('is unbalanced, with a finding, when more was captured than the paid orders total', () => {
    const record = aRunRecord()
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 'ch_1b', paymentIntentId: 'pi_1b', createdAt: isoAt(900) })
    const { integrity, findings } = checkIntegrity(record)
    expect(integrity.moneyConservation?.usd?.balanced).toBe(false)
    expect(integrity.pass).toBe(false)
    expect(findings.find((f) => f.check === 'moneyConservation')?.detail).toContain('over by 1200')
  })

  it('balances for any set of paid orders each with exactly one matching capture', () => {
    const checkoutArb = fc.record({
      amountMinor: fc.integer({ min: 1, max: 10_000_000 }),
      currency: fc.constantFrom('usd', 'eur', 'jpy', 'KWD'),
    })
    fc.assert(
      fc.property(fc.array(checkoutArb, { maxLength: 40 }), (specs) => {
        const record = aRunRecord(specs.map((spec, i) => aCheckout(i + 1, spec)))
        const { integrity } = checkIntegrity(record)
        const balances = Object.values(integrity.moneyConservation ?? {})
        expect(balances.every((balance) => balance.balanced)).toBe(true)
        expect(integrity.pass).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
