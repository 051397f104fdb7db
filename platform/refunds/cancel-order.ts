import type { Clock } from '../../lib/clock.js'
import type { JourneyContext } from '../../lib/journey-context.js'
import { releaseStock } from '../catalog/stock.js'
import { noJournal } from '../checkout/checkout-journal.js'
import type { SagaDeps } from '../checkout/run-saga.js'
import { compensate } from '../checkout/saga-compensate.js'
import type { Db, Queryable } from '../db/db.js'
import { requestFingerprint } from '../idempotency/fingerprint.js'
import { applyOrderEvent, findOrder, type StoredOrder } from '../orders/order-repo.js'
import type { Order } from '../orders/order-state.js'
import { sagaPspKeys } from '../payments/psp-manual-capture.js'
import type { SavedResponse } from './refund-repo.js'

/** Collaborators of {@link cancelOrder}. */
export interface CancelDeps {
  db: Db
  clock: Clock
  /** The checkout saga's collaborators; absent on a PSP-only platform (nothing is ever authorised). */
  saga: SagaDeps | undefined
}

/** What a cancel request came to; `answer` is final (saved and replayed for the same key). */
export type CancelResult =
  | { kind: 'answer'; response: SavedResponse; replayed: boolean }
  | { kind: 'not_found' }
  | { kind: 'key_reused' }
  | { kind: 'not_cancellable'; status: Order['status']; detail: string }
  /** The PSP did not say whether the authorisation was canceled: retry with the same key. */
  | { kind: 'psp_indeterminate'; reason: string }

/**
 * Cancels an order before capture: `authorized` or `held_for_review` (the PaymentIntent's hold is
 * canceled at the PSP first, then the saga's compensation voids any tax document, releases the
 * stock and fails the order `PAYMENT_CANCELED`), or `pending`/`payment_pending` with nothing
 * authorised and no checkout in flight. A paid order is refused: refunds undo a capture. The
 * order fails only once the PSP says the hold is canceled, so a capture racing the cancel can
 * never leave a failed order with captured money.
 *
 * @example const result = await cancelOrder(deps, { orderId: 'ord_1', idempotencyKey: 'c1' })
 */
export async function cancelOrder(
  deps: CancelDeps,
  input: { orderId: string; idempotencyKey: string; journey?: JourneyContext | undefined },
): Promise<CancelResult> {
  const fingerprint = requestFingerprint('POST', '/v1/orders/:id/cancel', { orderId: input.orderId })
  const claimed = await claim(deps, input, fingerprint)
  if (claimed.kind !== 'claimed') return claimed
  const { stored } = claimed
  const { order } = stored
  const cause = 'cancelled on request'
  if (order.status === 'authorized' || order.status === 'held_for_review') {
    if (!deps.saga) throw new Error(`Failed to cancel order (${order.id}): it is authorised without the saga`)
    const canceled = await deps.saga.vendors.psp.cancel({
      orderId: order.id,
      paymentIntentId: order.paymentIntentId,
      idempotencyKey: deps.saga.safeguards['psp-idempotency'] ? sagaPspKeys.cancel(order.id) : undefined,
      ...(input.journey ? { journey: input.journey } : {}),
    })
    if (canceled.kind === 'indeterminate') return { kind: 'psp_indeterminate', reason: canceled.reason }
    if (canceled.kind === 'failed') {
      // Captured meanwhile (or otherwise past cancelling): the order is the saga's to finish.
      return {
        kind: 'not_cancellable',
        status: order.status,
        detail: `The payment provider would not cancel ${order.paymentIntentId}: ${canceled.pspCode}`,
      }
    }
    // The same PSP key again inside: the PSP answers the cancel it already made.
    await compensate(deps.saga, {
      stored,
      reason: 'PAYMENT_CANCELED',
      cause,
      outcome: { kind: 'declined', orderId: order.id, declineCode: undefined },
      journal: noJournal,
      journey: input.journey,
    })
  } else if (deps.saga) {
    await compensate(deps.saga, {
      stored,
      reason: 'PAYMENT_CANCELED',
      cause,
      outcome: { kind: 'declined', orderId: order.id, declineCode: undefined },
      journal: noJournal,
      journey: input.journey,
    })
  } else {
    await deps.db.transaction(async (tx) => {
      const now = new Date(deps.clock.now())
      const failed = await applyOrderEvent(
        tx,
        order.id,
        { type: 'payment_failed', reason: 'PAYMENT_CANCELED' },
        now,
        cause,
      )
      if (failed.ok) await releaseStock(tx, stored.lines)
    })
  }
  return answer(deps, input, order.id)
}

type Claimed = { kind: 'claimed'; stored: StoredOrder }

/** The key's earlier answer, a refusal, or the order to cancel (the key is claimed for it). */
async function claim(
  deps: CancelDeps,
  input: { orderId: string; idempotencyKey: string },
  fingerprint: string,
): Promise<Exclude<CancelResult, { kind: 'psp_indeterminate' }> | Claimed> {
  return deps.db.transaction(async (tx) => {
    const stored = await findOrder(tx, input.orderId, true)
    const existing = await findCancel(tx, input.idempotencyKey)
    if (existing) {
      if (existing.fingerprint !== fingerprint) return { kind: 'key_reused' }
      if (existing.response) return { kind: 'answer', response: existing.response, replayed: true }
      // An earlier try stopped before its answer: carry on from the order as it stands.
      if (stored && stored.order.status === 'failed') return { kind: 'claimed', stored }
    }
    if (!stored) return { kind: 'not_found' }
    const { order } = stored
    const refusal = await whyNotCancellable(tx, order)
    if (refusal) return { kind: 'not_cancellable', status: order.status, detail: refusal }
    if (!existing) {
      const res = await tx.query(
        `INSERT INTO order_cancels (idempotency_key, order_id, fingerprint, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [input.idempotencyKey, order.id, fingerprint, new Date(deps.clock.now())],
      )
      if (res.rowCount !== 1) return { kind: 'key_reused' }
    }
    return { kind: 'claimed', stored }
  })
}

/** Why `order` cannot be cancelled now, or `undefined` when it can. */
async function whyNotCancellable(q: Queryable, order: Order): Promise<string | undefined> {
  switch (order.status) {
    case 'paid':
    case 'refunded':
      return `Order ${order.id} is ${order.status}: its payment is captured, refund it instead`
    case 'failed':
      return `Order ${order.id} is already failed (${order.reason})`
    case 'pending':
    case 'payment_pending':
    case 'authorized':
    case 'held_for_review': {
      if (
        (order.status === 'pending' || order.status === 'payment_pending') &&
        order.paymentIntentIds.length > 0
      )
        return `Order ${order.id} has a payment under way at the PSP; retry once it is decided`
      // A checkout still running for it would authorise or capture after the cancel.
      const res = await q.query(
        'SELECT 1 FROM idempotency_keys WHERE order_id = $1 AND locked_at IS NOT NULL LIMIT 1',
        [order.id],
      )
      return res.rows.length > 0 ? `Order ${order.id} is still being checked out; retry shortly` : undefined
    }
    default: {
      const never: never = order
      return never
    }
  }
}

async function findCancel(
  q: Queryable,
  key: string,
): Promise<{ fingerprint: string; response: SavedResponse | undefined } | undefined> {
  const res = await q.query<{ fingerprint: string; response_status: number | null; response_body: unknown }>(
    'SELECT fingerprint, response_status, response_body FROM order_cancels WHERE idempotency_key = $1',
    [key],
  )
  const row = res.rows[0]
  if (!row) return undefined
  return {
    fingerprint: row.fingerprint,
    response:
      row.response_status === null ? undefined : { status: row.response_status, body: row.response_body },
  }
}

/** The order as the cancel left it, saved as the key's answer once it is failed. */
async function answer(
  deps: CancelDeps,
  input: { orderId: string; idempotencyKey: string },
  orderId: string,
): Promise<CancelResult> {
  return deps.db.transaction(async (tx) => {
    const stored = await findOrder(tx, orderId, true)
    if (!stored) throw new Error(`Failed to answer the cancel of order (${orderId}): not found`)
    const { order } = stored
    if (order.status !== 'failed') {
      // Something else decided it first (a webhook's capture): not cancelled.
      return { kind: 'not_cancellable', status: order.status, detail: `Order ${order.id} is ${order.status}` }
    }
    const response: SavedResponse = {
      status: 200,
      body: { order: { id: order.id, status: order.status, failureCode: order.reason } },
    }
    await tx.query(
      'UPDATE order_cancels SET response_status = $2, response_body = $3::jsonb WHERE idempotency_key = $1',
      [input.idempotencyKey, response.status, JSON.stringify(response.body)],
    )
    return { kind: 'answer', response, replayed: false }
  })
}
