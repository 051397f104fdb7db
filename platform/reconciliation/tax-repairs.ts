import { applyOrderEvent, findOrder } from '../orders/order-repo.js'
import type { RepairDeps, RepairResult } from './apply-repair.js'
import type { OrderView } from './decide-repair.js'
import { evidence } from './repair-evidence.js'
import type { Repair } from './reconciliation-schemas.js'
import { hasRepair, recordRepair } from './reconciliation-store.js'

/** Commits a paid order's pending SalesInvoice (its code derives from the order: never twice). */
export async function commitTax(deps: RepairDeps, view: OrderView): Promise<RepairResult> {
  const tax = deps.tax
  const stored = await findOrder(deps.db, view.id)
  if (!tax || !stored?.order.saga) return { skipped: 'no tax client or not a saga order' }
  if (stored.order.status !== 'paid' || stored.order.saga.taxDocument !== 'commit_pending') {
    return { skipped: `order ${view.id} has no tax commit pending` }
  }
  const { documentCode, tax: amount } = await tax.commit({
    orderId: view.id,
    customerCode: stored.email ?? `guest_${view.id}`,
    currency: stored.order.total.currency,
    lines: stored.lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      amountMinor: l.unitPriceMinor * l.quantity,
    })),
  })
  const paymentIntentId = 'paymentIntentId' in stored.order ? stored.order.paymentIntentId : ''
  const now = new Date(deps.clock.now())
  return deps.db.transaction(async (tx) => {
    const seen = await evidence(tx, undefined, stored.order, {
      paymentIntentId,
      taxDocument: 'commit_pending',
      documentCode,
      taxMinor: amount.amount,
    })
    const moved = await applyOrderEvent(
      tx,
      view.id,
      { type: 'tax_committed' },
      now,
      `reconciler: SalesInvoice ${documentCode}, tax ${amount.amount} ${amount.currency}`,
    )
    if (!moved.ok) return { skipped: moved.error.detail }
    const repair: Repair = {
      kind: 'tax_committed',
      orderId: view.id,
      paymentIntentId,
      evidence: seen,
      atMs: now.getTime(),
    }
    await recordRepair(tx, deps.passId, repair)
    return { repaired: repair }
  })
}

/** Voids a failed order's tax document, once. */
export async function voidTax(deps: RepairDeps, view: OrderView): Promise<RepairResult> {
  const paymentIntentId = view.paymentIntentIds.at(-1) ?? ''
  // No order event records a void on a failed order: the repair's own record keeps it to once.
  if (!deps.tax || (await hasRepair(deps.db, 'tax_voided', view.id, paymentIntentId))) {
    return { skipped: `tax document of ${view.id} voided before` }
  }
  const result = await deps.tax.void(view.id)
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const repair: Repair = {
      kind: 'tax_voided',
      orderId: view.id,
      paymentIntentId,
      evidence: await evidence(tx, undefined, view, { taxDocument: view.taxDocument, voidResult: result }),
      atMs: now,
    }
    await recordRepair(tx, deps.passId, repair)
    return { repaired: repair }
  })
}
