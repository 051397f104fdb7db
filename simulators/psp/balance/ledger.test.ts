import { describe, expect, it } from 'vitest'
import { LedgerStore, type LedgerRecord } from './ledger.js'

const record = (n: number, type: LedgerRecord['type'] = 'capture'): LedgerRecord => ({
  type,
  paymentIntentId: `pi_${n}`,
  amount: 1000 + n,
  currency: n % 5 === 3 ? 'jpy' : 'usd',
  idempotencyKey: n % 2 ? `key-${n}` : null,
  metadata: { order_id: `o${n % 3}` },
  atMs: 1_764_000_000_000 + n,
})

describe('LedgerStore', () => {
  it('gives back every row as it was pushed, past its first growth', () => {
    const ledger = new LedgerStore()
    for (let n = 0; n < 3000; n++) ledger.push(record(n, n % 4 === 0 ? 'refund' : 'capture'))
    expect(ledger.length).toBe(3000)
    expect(ledger.get(2999)).toEqual(record(2999, 'capture'))
    expect(ledger.get(2000)).toEqual(record(2000, 'refund'))
    expect(ledger.get(2998)?.currency).toBe('jpy')
    expect(ledger.get(3000)).toBeUndefined()
    const [first] = ledger.entries()
    expect(first).toEqual({
      id: 'le_1',
      type: 'refund',
      paymentIntentId: 'pi_0',
      amount: 1000,
      currency: 'usd',
      idempotencyKey: null,
      metadata: { order_id: 'o0' },
      createdAt: new Date(1_764_000_000_000).toISOString(),
    })
  })

  it('filters on the rendered entry and keeps ids by position', () => {
    const ledger = new LedgerStore()
    for (let n = 0; n < 9; n++) ledger.push(record(n))
    expect(ledger.entries((e) => e.metadata.order_id === 'o1').map((e) => e.id)).toEqual([
      'le_2',
      'le_5',
      'le_8',
    ])
    ledger.clear()
    expect(ledger.entries()).toEqual([])
    ledger.push(record(4))
    expect(ledger.entries()[0]?.id).toBe('le_1')
  })
})
