import type { LedgerRecord } from '../balance/ledger.js'
import type { PspContext } from '../psp-context.js'
import type { IntentRecord } from '../psp-records.js'
import type { Snapshot } from './snapshots.js'
import type { OpInput } from '../wire/stripe-endpoint.js'

/** Appends a ledger entry for money moved on an intent (the ground truth the reports read). */
export function recordLedger(
  ctx: PspContext,
  input: OpInput,
  type: LedgerRecord['type'],
  pi: IntentRecord,
  amount: number,
): void {
  ctx.state.ledger.push({
    type,
    paymentIntentId: pi.id,
    amount,
    currency: pi.currency,
    idempotencyKey: input.idempotencyKey,
    metadata: pi.metadata,
    atMs: input.nowMs,
  })
}

/** Records an event with a snapshot of the object as it is now. */
export function recordEvent(ctx: PspContext, input: OpInput, type: string, object: Snapshot): void {
  ctx.state.addEvent({
    id: ctx.ids.next('evt', 14),
    type,
    created: Math.floor(input.nowMs / 1000),
    object,
    requestId: input.requestId,
    idempotencyKey: input.idempotencyKey,
  })
}
