import { findOrder } from '../orders/order-repo.js'
import type { CheckoutOutcome } from './checkout-outcome.js'
import { noJournal } from './checkout-journal.js'
import { runSaga, type SagaDeps } from './run-saga.js'
import { compensate } from './saga-compensate.js'
import { applyOrderEvent } from '../orders/order-repo.js'

/** An admin's decision on an order held for review. */
export type ReviewDecision = 'approve' | 'reject'

/** What a review came to. */
export type ReviewResult =
  | { kind: 'reviewed'; outcome: CheckoutOutcome }
  | { kind: 'not_found' }
  | { kind: 'not_held'; status: string }

/**
 * Decides an order held for review. Approve: `review_approved`, then the saga carries on
 * (capture → tax commit → paid); an approved order whose capture did not finish may be approved
 * again. Reject: compensated like any failure before capture (authorisation canceled, stock
 * released), failed with `REVIEW_REJECTED`.
 *
 * @example const result = await reviewOrder(sagaDeps, 'ord_1', 'approve')
 */
export async function reviewOrder(
  deps: SagaDeps,
  orderId: string,
  decision: ReviewDecision,
): Promise<ReviewResult> {
  const stored = await findOrder(deps.db, orderId)
  if (!stored) return { kind: 'not_found' }
  const { order } = stored
  const resumable = decision === 'approve' && order.status === 'authorized'
  if (order.status !== 'held_for_review' && !resumable) return { kind: 'not_held', status: order.status }
  if (decision === 'reject') {
    const outcome = await compensate(deps, {
      stored,
      reason: 'REVIEW_REJECTED',
      cause: 'admin review: reject',
      outcome: { kind: 'fraud_rejected', orderId, by: 'review' },
      journal: noJournal,
    })
    return { kind: 'reviewed', outcome }
  }
  if (!resumable) {
    const approved = await deps.db.transaction((tx) =>
      applyOrderEvent(
        tx,
        orderId,
        { type: 'review_approved' },
        new Date(deps.clock.now()),
        'admin review: approve',
      ),
    )
    // Another reviewer moved it first.
    if (!approved.ok) return { kind: 'not_held', status: approved.error.from }
  }
  const current = await findOrder(deps.db, orderId)
  if (!current) return { kind: 'not_found' }
  return { kind: 'reviewed', outcome: await runSaga(deps, { stored: current, journal: noJournal }) }
}
