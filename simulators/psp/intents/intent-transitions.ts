import type { IntentStatus } from '../psp-records.js'

/** The moves a PaymentIntent may make (docs.stripe.com/payments/paymentintents/lifecycle). */
export const intentTransitions = {
  requires_payment_method: [
    'requires_confirmation',
    'requires_action',
    'processing',
    'requires_capture',
    'succeeded',
    'requires_payment_method',
    'canceled',
  ],
  requires_confirmation: [
    'requires_payment_method',
    'requires_action',
    'processing',
    'requires_capture',
    'succeeded',
    'canceled',
  ],
  requires_action: [
    'requires_payment_method',
    'requires_confirmation',
    'processing',
    'requires_capture',
    'succeeded',
    'canceled',
  ],
  processing: ['requires_payment_method', 'requires_capture', 'succeeded', 'canceled'],
  requires_capture: ['succeeded', 'canceled'],
  succeeded: [],
  canceled: [],
} as const satisfies Record<IntentStatus, readonly IntentStatus[]>

/** Whether an intent may move from one status to another; terminal states have no exits. */
export function canTransition(from: IntentStatus, to: IntentStatus): boolean {
  return (intentTransitions[from] as readonly IntentStatus[]).includes(to)
}
