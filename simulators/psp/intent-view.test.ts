import { describe, expect, it } from 'vitest'
import { beforeIntentChange, viewOf } from './intent-view.js'
import type { IntentRecord } from './psp-records.js'

const intent = (): IntentRecord => ({
  id: 'pi_1',
  amount: 100,
  currency: 'usd',
  status: 'requires_capture',
  captureMethod: 'manual',
  confirmationMethod: 'automatic',
  created: 1,
  customer: null,
  description: null,
  metadata: {},
  paymentMethod: 'pm_card_visa',
  paymentMethodTypes: ['card'],
  lastPaymentError: null,
  latestCharge: null,
  amountCapturable: 100,
  amountReceived: 0,
  canceledAt: null,
  cancellationReason: null,
  receiptEmail: null,
  statementDescriptor: null,
  views: null,
})

describe('IntentView', () => {
  it('shares the live intent until it changes, then keeps the state it showed', () => {
    const pi = intent()
    const first = viewOf(pi)
    const second = viewOf(pi)
    expect(first.record).toBe(pi)
    beforeIntentChange(pi)
    pi.status = 'succeeded'
    expect(first.record.status).toBe('requires_capture')
    expect(second.record).toBe(first.record)
    const third = viewOf(pi)
    beforeIntentChange(pi)
    pi.status = 'canceled'
    expect(third.record.status).toBe('succeeded')
    expect(first.record.status).toBe('requires_capture')
  })
})
