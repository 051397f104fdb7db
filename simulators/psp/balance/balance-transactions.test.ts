import { describe, expect, it } from 'vitest'
import { cardFee, transactionIdOf } from './balance-transactions.js'

describe('cardFee', () => {
  it.each([
    [2000, 88],
    [1099, 62],
    [50, 31],
    [1000, 59],
    [1017, 59],
    [1018, 60],
  ])('charges 2.9%% (half up) + 30 on %i', (amount, fee) => {
    expect(cardFee(amount)).toBe(fee)
  })
})

describe('transactionIdOf', () => {
  it("keeps the source's suffix", () => {
    expect(transactionIdOf('ch_0000a1XyZ')).toBe('txn_0000a1XyZ')
  })
})
