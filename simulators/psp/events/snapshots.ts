import type { ChargeRecord, CustomerRecord, IntentRecord, RefundRecord } from '../psp-records.js'
import type { PspState } from '../psp-state.js'
import { renderCharge, renderCustomer, renderIntent, renderRefund } from '../render-objects.js'

/** A deferred rendering of an object as it was when an event happened. */
export type Snapshot = () => Record<string, unknown>

/*
 * Events keep a shallow copy and render it only when read (webhooks, /v1/events): rendering
 * three JSON snapshots per create cost about a fifth of the request. A shallow copy is enough
 * because nested values (metadata, last_payment_error) are replaced, never mutated in place.
 */

export function intentSnapshot(pi: IntentRecord, state: PspState): Snapshot {
  const copy: IntentRecord = { ...pi, views: null }
  return () => renderIntent(copy, state)
}

export function chargeSnapshot(charge: ChargeRecord, state: PspState): Snapshot {
  const copy = { ...charge }
  return () => renderCharge(copy, state)
}

export function refundSnapshot(refund: RefundRecord, state: PspState): Snapshot {
  const copy = { ...refund }
  return () => renderRefund(copy, state)
}

export function customerSnapshot(customer: CustomerRecord): Snapshot {
  const copy = { ...customer }
  return () => renderCustomer(copy)
}
