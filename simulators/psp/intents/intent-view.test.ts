import { describe, expect, it } from 'vitest'
import { beforeIntentChange, holdIntent, type IntentHolder } from './intent-view.js'
import type { IntentRecord } from '../psp-records.js'

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

const held = (pi: IntentRecord): IntentHolder & { saved: IntentRecord } => {
  const holder = { saved: undefined as unknown as IntentRecord }
  holdIntent(pi, holder)
  return holder
}

describe('holdIntent', () => {
  it('shares the live intent until it changes, then keeps the state it showed', () => {
    const pi = intent()
    const first = held(pi)
    const second = held(pi)
    expect(first.saved).toBe(pi)
    beforeIntentChange(pi)
    pi.status = 'succeeded'
    expect(first.saved.status).toBe('requires_capture')
    expect(second.saved).toBe(first.saved)
    const third = held(pi)
    beforeIntentChange(pi)
    pi.status = 'canceled'
    expect(third.saved.status).toBe('succeeded')
    expect(first.saved.status).toBe('requires_capture')
  })
})
