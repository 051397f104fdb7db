import type { Clock } from '../../lib/clock.js'
import { releaseStock, writeBackStock } from '../catalog/stock.js'
import type { Db, Queryable } from '../db/db.js'
import { applyOrderEvent, findOrder, type StoredOrder } from '../orders/order-repo.js'
import type { OrderEvent } from '../orders/order-state.js'
import { publishAfterCommit } from '../outbox/after-commit-publisher.js'
import { enqueueOrderPaid } from '../outbox/order-events.js'
import { sagaPspKeys } from '../payments/psp-manual-capture.js'
import type { TaxClient } from '../tax/tax-client.js'
import type { Decision, OrderView } from './decide-repair.js'
import type { IntentView, ReconcilerPsp } from './reconciler-psp.js'
import type { Mismatch, Repair } from './reconciliation-schemas.js'
import { recordRepair } from './reconciliation-store.js'
import { evidence } from './repair-evidence.js'
import { commitTax, voidTax } from './tax-repairs.js'

/** Collaborators of {@link applyRepair}. */
export interface RepairDeps {
  db: Db
  clock: Clock
  psp: ReconcilerPsp
  tax: TaxClient | undefined
  /** The `outbox` safeguard: OrderPaid enqueued in the paying transaction, else published after it. */
  outbox: boolean
  passId: number
}

/** What one repair came to: done (recorded), failed (a mismatch), or not needed any more. */
export type RepairResult = { repaired: Repair } | { mismatch: Mismatch } | { skipped: string }

/** The Idempotency-Keys the reconciler's own PSP writes carry. */
export const reconcilerKeys = {
  refund: (paymentIntentId: string) => `reconcile-refund-${paymentIntentId}`,
  cancel: (paymentIntentId: string) => `reconcile-cancel-${paymentIntentId}`,
}

/**
 * Carries out one decision: the vendor call first (capture, cancel, refund, tax commit or void),
 * then the order's transitions and the repair's record in one transaction, which re-reads the
 * order under its lock and skips when something else moved it meanwhile. A vendor call that
 * fails comes back as a `repair_failed` mismatch, tried again on the next pass.
 */
export async function applyRepair(deps: RepairDeps, decision: Decision): Promise<RepairResult[]> {
  const results = [await attempt(deps, decision)]
  const first = results[0]
  // "Then the tax commit if pending": its own repair, recorded on its own.
  if (
    first &&
    'repaired' in first &&
    (decision.kind === 'capture_recorded' || decision.kind === 'capture_completed') &&
    decision.order.saga &&
    deps.tax
  ) {
    results.push(await attempt(deps, { kind: 'tax_committed', order: decision.order }))
  }
  return results
}

async function attempt(deps: RepairDeps, decision: Decision): Promise<RepairResult> {
  try {
    switch (decision.kind) {
      case 'mismatch':
        return { mismatch: decision.mismatch }
      case 'capture_recorded':
        return await markPaid(deps, decision.kind, decision.order, decision.intent)
      case 'capture_completed':
        return await completeCapture(deps, decision.order, decision.intent)
      case 'authorization_recorded':
        return await onOrder(
          deps,
          decision.kind,
          decision.order,
          decision.intent,
          ['payment_pending'],
          () => [{ type: 'payment_authorized', paymentIntentId: decision.intent.id, hold: true }],
        )
      case 'order_failed':
        return await onOrder(
          deps,
          decision.kind,
          decision.order,
          decision.intent,
          ['authorized', 'held_for_review', 'payment_pending'],
          () => [{ type: 'payment_failed', reason: 'PAYMENT_CANCELED' }],
          async (tx, stored) => releaseStock(tx, stored.lines),
        )
      case 'authorization_canceled': {
        const after = await deps.psp.cancel(decision.intent.id, reconcilerKeys.cancel(decision.intent.id))
        return await recordOnly(deps, decision.kind, decision.order, decision.intent, {
          why: decision.why,
          after: after.status,
        })
      }
      case 'charge_refunded': {
        const { intent } = decision
        const refund = await deps.psp.refund(
          intent.id,
          intent.amountReceived - intent.amountRefunded,
          reconcilerKeys.refund(intent.id),
        )
        return await recordOnly(deps, decision.kind, decision.order, intent, {
          why: decision.why,
          refundId: refund.id,
          refundStatus: refund.status,
          refundedMinor: intent.amountReceived - intent.amountRefunded,
        })
      }
      case 'tax_committed':
        return await commitTax(deps, decision.order)
      case 'tax_voided':
        return await voidTax(deps, decision.order)
      default: {
        const never: never = decision
        return never
      }
    }
  } catch (err) {
    const { orderId, paymentIntentId } = subjectOf(decision)
    return {
      mismatch: {
        kind: 'repair_failed',
        ...(orderId ? { orderId } : {}),
        ...(paymentIntentId ? { paymentIntentId } : {}),
        detail: `${decision.kind}: ${err instanceof Error ? err.message : String(err)}`,
      },
    }
  }
}

function subjectOf(decision: Decision): {
  orderId?: string | undefined
  paymentIntentId?: string | undefined
} {
  if (decision.kind === 'mismatch') return decision.mismatch
  if ('intent' in decision) return { orderId: decision.order?.id, paymentIntentId: decision.intent.id }
  return { orderId: decision.order.id, paymentIntentId: decision.order.paymentIntentId }
}

/**
 * Moves the order (locked, re-read) from one of `from` through `events`, runs `also` in the same
 * transaction, and records the repair; skips when the order is no longer in `from`.
 */
async function onOrder(
  deps: RepairDeps,
  kind: Repair['kind'],
  view: OrderView,
  intent: IntentView,
  from: readonly string[],
  events: (stored: StoredOrder) => OrderEvent[],
  also?: (tx: Queryable, stored: StoredOrder, now: Date) => Promise<void>,
): Promise<RepairResult> {
  const now = new Date(deps.clock.now())
  return deps.db.transaction(async (tx) => {
    const stored = await findOrder(tx, view.id, true)
    if (!stored) return { skipped: `order ${view.id} is gone` }
    if (!from.includes(stored.order.status)) return { skipped: `order ${view.id} is ${stored.order.status}` }
    const seen = await evidence(tx, intent, stored.order)
    for (const event of events(stored)) {
      const moved = await applyOrderEvent(
        tx,
        view.id,
        event,
        now,
        `reconciler: intent ${intent.id} is ${intent.status}`,
      )
      if (!moved.ok) throw new Error(moved.error.detail)
    }
    await also?.(tx, stored, now)
    const repair: Repair = {
      kind,
      orderId: view.id,
      paymentIntentId: intent.id,
      evidence: seen,
      atMs: now.getTime(),
    }
    await recordRepair(tx, deps.passId, repair)
    return { repaired: repair }
  })
}

/** The events that take an order from where it stands to paid on a captured intent. */
function toPaid(stored: StoredOrder, paymentIntentId: string): OrderEvent[] {
  const { order } = stored
  if (order.status === 'authorized') return [{ type: 'payment_captured' }]
  if (!order.saga) return [{ type: 'payment_succeeded', paymentIntentId }]
  // The money is captured already: a fraud watch has nothing left to hold.
  return [{ type: 'payment_authorized', paymentIntentId, hold: false }, { type: 'payment_captured' }]
}

/** Marks an order paid on an intent captured at the PSP, as the saga's capture step does. */
async function markPaid(
  deps: RepairDeps,
  kind: Repair['kind'],
  view: OrderView,
  intent: IntentView,
): Promise<RepairResult> {
  const result = await onOrder(
    deps,
    kind,
    view,
    intent,
    ['authorized', 'payment_pending'],
    (stored) => toPaid(stored, intent.id),
    async (tx, stored, now) => {
      await writeBackStock(tx, stored.lines)
      if (deps.outbox) await enqueueOrderPaid(tx, view.id, now)
    },
  )
  if ('repaired' in result && !deps.outbox) {
    publishAfterCommit(deps.db, view.id, new Date(result.repaired.atMs))
  }
  return result
}

async function completeCapture(deps: RepairDeps, view: OrderView, intent: IntentView): Promise<RepairResult> {
  // The saga's own capture key: a saga resumed meanwhile replays this capture, never doubles it.
  const after = await deps.psp.capture(intent.id, sagaPspKeys.capture(view.id))
  if (after.status !== 'succeeded') throw new Error(`capture left intent ${intent.id} ${after.status}`)
  return markPaid(deps, 'capture_completed', view, intent)
}

/** Records a PSP-side repair that changes no order. */
async function recordOnly(
  deps: RepairDeps,
  kind: Repair['kind'],
  order: OrderView | undefined,
  intent: IntentView,
  extra: Record<string, unknown>,
): Promise<RepairResult> {
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const repair: Repair = {
      kind,
      ...(order ? { orderId: order.id } : {}),
      paymentIntentId: intent.id,
      evidence: await evidence(tx, intent, order, extra),
      atMs: now,
    }
    await recordRepair(tx, deps.passId, repair)
    return { repaired: repair }
  })
}
