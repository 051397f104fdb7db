import { describe, expect, it } from 'vitest'
import { decideForIntent, decideForOrder, type OrderView } from './decide-repair.js'
import type { IntentView } from './reconciler-psp.js'

const NOW = 1_000_000
const ctx = { nowMs: NOW, stalledAfterMs: 5_000, hasTax: true }

const order = (over: Partial<OrderView> = {}): OrderView => ({
  id: 'ord_1',
  status: 'authorized',
  paymentIntentId: 'pi_1',
  paymentIntentIds: ['pi_1'],
  totalMinor: 2759,
  currency: 'usd',
  saga: true,
  taxDocument: 'none',
  fraudCategory: 'accept',
  createdAtMs: NOW - 60_000,
  updatedAtMs: NOW - 10_000,
  ...over,
})
const intent = (over: Partial<IntentView> = {}): IntentView => ({
  id: 'pi_1',
  status: 'requires_capture',
  amount: 2759,
  amountReceived: 0,
  amountRefunded: 0,
  currency: 'usd',
  orderId: 'ord_1',
  createdSec: 1,
  ...over,
})

describe('decideForIntent', () => {
  it('waits while the order moved recently, then completes the capture', () => {
    expect(decideForIntent(intent(), order({ updatedAtMs: NOW - 1_000 }), ctx)).toBeUndefined()
    expect(decideForIntent(intent(), order(), ctx)?.kind).toBe('capture_completed')
  })

  it('holds a stalled watch order for review instead of capturing it', () => {
    const pending = order({ status: 'payment_pending', paymentIntentId: undefined, fraudCategory: 'watch' })
    expect(decideForIntent(intent(), pending, ctx)?.kind).toBe('authorization_recorded')
  })

  it('never captures for a PSP-only order (it pays in one step)', () => {
    const pending = order({ status: 'payment_pending', paymentIntentId: undefined, saga: false })
    expect(decideForIntent(intent(), pending, ctx)).toBeUndefined()
    expect(decideForIntent(intent({ status: 'succeeded', amountReceived: 2759 }), pending, ctx)?.kind).toBe(
      'capture_recorded',
    )
  })

  it('leaves a fully refunded orphan capture alone', () => {
    const refunded = intent({ status: 'succeeded', amountReceived: 2759, amountRefunded: 2759 })
    expect(decideForIntent(refunded, undefined, ctx)).toBeUndefined()
    expect(decideForIntent({ ...refunded, amountRefunded: 0 }, undefined, ctx)?.kind).toBe('charge_refunded')
  })

  it('agrees with a paid order captured for its total and flags another amount', () => {
    const paid = order({ status: 'paid' })
    expect(decideForIntent(intent({ status: 'succeeded', amountReceived: 2759 }), paid, ctx)).toBeUndefined()
    expect(decideForIntent(intent({ status: 'succeeded', amountReceived: 100 }), paid, ctx)).toMatchObject({
      kind: 'mismatch',
      mismatch: { kind: 'amount_mismatch' },
    })
  })
})

describe('decideForOrder', () => {
  it('commits a stalled pending tax commit, and reports it without a tax client', () => {
    const paid = order({ status: 'paid', taxDocument: 'commit_pending' })
    expect(decideForOrder(paid, ctx)?.kind).toBe('tax_committed')
    expect(decideForOrder(paid, { ...ctx, hasTax: false })).toMatchObject({
      mismatch: { kind: 'tax_commit_unsupported' },
    })
  })

  it('voids the tax document of a failed order', () => {
    expect(decideForOrder(order({ status: 'failed', taxDocument: 'committed' }), ctx)?.kind).toBe(
      'tax_voided',
    )
    expect(decideForOrder(order({ status: 'failed' }), ctx)).toBeUndefined()
  })
})
