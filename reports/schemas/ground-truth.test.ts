import { describe, expect, it } from 'vitest'

import { aRunRecord, ledgerOf, ordersOf } from '../testing/run-record-factory.js'
import { GROUND_TRUTH, readGroundTruth } from './ground-truth.js'
import { WireShapeError } from './check-shape.js'

describe('readGroundTruth', () => {
  it('unwraps each source’s list when its items have the contract’s shape', () => {
    const record = aRunRecord()
    expect(readGroundTruth('ledger', { entries: ledgerOf(record) })).toEqual(ledgerOf(record))
    expect(readGroundTruth('orders', { orders: ordersOf(record) })).toEqual(ordersOf(record))
    const products = [{ sku: 'sku_1', initialStock: 10, stock: -2, paidQuantity: 12 }]
    expect(readGroundTruth('inventory', { products })).toEqual(products)
    const events = [{ eventId: 'evt_1', type: 'OrderPaid', orderId: 'ord_1' }]
    expect(readGroundTruth('events', { events })).toEqual(events)
    const webhooks = [{ id: 'evt_9', type: 'payment_intent.succeeded', orderId: null, processedCount: 2 }]
    expect(readGroundTruth('webhooks', { events: webhooks })).toEqual(webhooks)
  })

  it('keeps fields the contract does not name, so a source may add some', () => {
    const events = [
      { eventId: 'evt_1', type: 'OrderPaid', orderId: 'ord_1', publishedAt: '2026-01-01T00:00:01.000Z' },
    ]
    expect(readGroundTruth('events', { events })).toEqual(events)
  })

  it('names the source, the field path and what was expected for a wrong type', () => {
    const entries = [...ledgerOf(aRunRecord())]
    entries[3] = { ...entries[3]!, amount: 12.5 }
    expect(() => readGroundTruth('ledger', { entries })).toThrow(
      new WireShapeError('PSP ledger', [{ path: '/entries/3/amount', expected: 'Expected integer' }]),
    )
    expect(() => readGroundTruth('ledger', { entries })).toThrow(
      'PSP ledger: /entries/3/amount: Expected integer',
    )
  })

  it('fails clearly on a renamed field instead of reading undefined', () => {
    const [order] = ordersOf(aRunRecord())
    const { amountMinor, ...rest } = order!
    const renamed = { ...rest, amount_minor: amountMinor }
    expect(() => readGroundTruth('orders', { orders: [renamed] })).toThrow(
      'platform orders: /orders/0/amountMinor: Expected required property',
    )
  })

  it('fails clearly when the list itself is missing or the body is not an object', () => {
    expect(() => readGroundTruth('webhooks', { webhooks: [] })).toThrow(
      'platform webhooks: /events: Expected required property',
    )
    expect(() => readGroundTruth('inventory', 'oops')).toThrow('platform inventory: /: Expected object')
  })

  it('checks times are ISO-8601 and ledger types are the four the PSP writes', () => {
    const [entry] = ledgerOf(aRunRecord())
    expect(() => readGroundTruth('ledger', { entries: [{ ...entry!, createdAt: 1767225600000 }] })).toThrow(
      'PSP ledger: /entries/0/createdAt: Expected string',
    )
    expect(() => readGroundTruth('ledger', { entries: [{ ...entry!, type: 'charge' }] })).toThrow(
      'PSP ledger: /entries/0/type: Expected one of "authorization", "capture", "refund", "cancel", got "charge"',
    )
  })

  it('knows the admin route and body key of every source', () => {
    expect(
      Object.fromEntries(
        Object.entries(GROUND_TRUTH).map(([kind, { path, key }]) => [kind, `${path} → ${key}`]),
      ),
    ).toEqual({
      ledger: '/__admin/ledger → entries',
      orders: '/__admin/orders → orders',
      inventory: '/__admin/inventory → products',
      events: '/__admin/events → events',
      webhooks: '/__admin/webhooks → events',
      taxTransactions: '/__admin/transactions → transactions',
      fraudLedger: '/__admin/ledger → entries',
    })
  })
})
