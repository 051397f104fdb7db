import type { Clock } from '../../lib/clock.js'
import type { Db } from '../db/db.js'
import type { TaxClient } from '../tax/tax-client.js'
import { applyRepair } from './apply-repair.js'
import { decideForIntent, decideForOrder, type Decision, type OrderView } from './decide-repair.js'
import { ordersById, ordersNeedingAttention } from './reconcile-orders.js'
import type { ReconcilerPsp } from './reconciler-psp.js'
import {
  failedRepairIntents,
  finishPass,
  lastPassStartedAt,
  recordMismatch,
  resolveAgreedFailures,
  startPass,
} from './reconciliation-store.js'

/** Collaborators of {@link reconcilePass}. */
export interface PassDeps {
  db: Db
  clock: Clock
  psp: ReconcilerPsp
  tax: TaxClient | undefined
  /** The `outbox` safeguard, for OrderPaid on an order the reconciler pays. */
  outbox: boolean
}

/** What one pass did. */
export interface PassSummary {
  ordersChecked: number
  paymentsChecked: number
  repaired: number
  mismatches: number
  /** More intents than one pass reads were in the window: the rest wait for the next pass. */
  truncated: boolean
}

/** Slack on the `created` window: `created` is in whole seconds, and two clocks may differ a little. */
const WINDOW_MARGIN_MS = 5_000
/** The window reaches back at most this far before the last pass: older open orders are read by id. */
const MAX_LOOKBACK_MS = 10 * 60_000
/** Most intents one pass reads from the list, and most it reads one by one. */
const MAX_INTENTS = 50_000
const MAX_RETRIEVED = 200

/**
 * One reconciliation pass: lists the PSP's PaymentIntents created since the oldest order still
 * mid-payment (`payment_pending`, `authorized`) or the last pass, whichever is older (everything,
 * on a database's first pass), reads the intents of older authorised orders one by one, reads the
 * orders the intents name and those needing attention, and repairs each disagreement it can (see
 * `decide-repair.ts`), recording every repair and every mismatch it cannot repair.
 *
 * @note Orders held for review or paid with a commit pending do not widen the window: they may
 * wait for hours, and listing every intent since then on every pass would not scale.
 * @example const summary = await reconcilePass(deps, { trigger: 'on_demand', stalledAfterMs: 5000 })
 */
export async function reconcilePass(
  deps: PassDeps,
  options: { trigger: 'periodic' | 'on_demand'; stalledAfterMs: number },
): Promise<PassSummary> {
  const { db } = deps
  const nowMs = deps.clock.now()
  const last = (await lastPassStartedAt(db))?.getTime()
  const attention = await ordersNeedingAttention(
    db,
    last === undefined ? undefined : new Date(last - WINDOW_MARGIN_MS),
  )
  const fromMs = last === undefined ? 0 : windowStart(last, attention)
  const passId = await startPass(db, {
    trigger: options.trigger,
    startedAt: new Date(nowMs),
    windowFrom: new Date(fromMs),
  })
  const listed = await deps.psp.listIntents(Math.floor(fromMs / 1000), MAX_INTENTS)
  const intents = [...listed.intents]
  const seen = new Set(intents.map((i) => i.id))
  // Authorised orders older than the window, orders failed since the last pass (a failed cancel
  // may have left their authorisation), and failed repairs to retry: their intents one by one.
  const older = [
    ...new Set([
      ...attention
        .filter((o) => o.status === 'authorized' || o.status === 'failed')
        .flatMap((o) => o.paymentIntentIds),
      ...(await failedRepairIntents(db, MAX_RETRIEVED)),
    ]),
  ].filter((id) => !seen.has(id))
  for (const id of older.slice(0, MAX_RETRIEVED)) {
    // One the PSP cannot find (or answer for now) is left to the next pass.
    const intent = await deps.psp.retrieve(id).catch(() => undefined)
    if (intent) intents.push(intent)
  }
  const orders = new Map<string, OrderView>(attention.map((o) => [o.id, o]))
  const named = [...new Set(intents.flatMap((i) => (i.orderId ? [i.orderId] : [])))]
  const unread = named.filter((id) => !orders.has(id))
  for (const o of await ordersById(db, unread)) orders.set(o.id, o)

  const ctx = { nowMs, stalledAfterMs: options.stalledAfterMs, hasTax: deps.tax !== undefined }
  const decisions: Decision[] = []
  for (const intent of intents) {
    if (!intent.orderId) continue // not the platform's: it names every intent it creates
    const decision = decideForIntent(intent, orders.get(intent.orderId), ctx)
    if (decision) decisions.push(decision)
  }
  for (const order of orders.values()) {
    const decision = decideForOrder(order, ctx)
    if (decision) decisions.push(decision)
  }

  const summary: PassSummary = {
    ordersChecked: orders.size,
    paymentsChecked: intents.length,
    repaired: 0,
    mismatches: 0,
    truncated: listed.truncated || older.length > MAX_RETRIEVED,
  }
  const repairDeps = { ...deps, passId }
  for (const decision of decisions) {
    for (const result of await applyRepair(repairDeps, decision)) {
      if ('repaired' in result) summary.repaired++
      if ('mismatch' in result) {
        summary.mismatches++
        await recordMismatch(db, passId, result.mismatch, new Date(deps.clock.now()))
      }
    }
  }
  const touched = new Set(decisions.flatMap(subjectsOf))
  const agreeing = {
    orderIds: [...orders.keys()].filter((id) => !touched.has(`order:${id}`)),
    paymentIntentIds: intents.map((i) => i.id).filter((id) => !touched.has(`intent:${id}`)),
  }
  // Nothing agreed (an idle pass): no failure can be resolved by it.
  if (agreeing.orderIds.length > 0 || agreeing.paymentIntentIds.length > 0)
    await resolveAgreedFailures(db, agreeing, new Date(deps.clock.now()))
  await finishPass(db, passId, {
    finishedAt: new Date(deps.clock.now()),
    orderIds: [...orders.keys()],
    paymentIntentIds: intents.map((i) => i.id),
  })
  return summary
}

/** From the last pass or the oldest order still mid-payment, whichever is older, within the lookback cap. */
function windowStart(lastMs: number, attention: readonly OrderView[]): number {
  const midPayment = attention
    .filter((o) => o.status === 'payment_pending' || o.status === 'authorized')
    .map((o) => o.createdAtMs)
  const from = Math.max(lastMs - MAX_LOOKBACK_MS, Math.min(lastMs, ...midPayment))
  return Math.max(0, from - WINDOW_MARGIN_MS)
}

/** The order and intent a decision is about, as `order:<id>` / `intent:<id>`. */
function subjectsOf(decision: Decision): string[] {
  const { orderId, paymentIntentId } =
    decision.kind === 'mismatch'
      ? decision.mismatch
      : 'intent' in decision
        ? { orderId: decision.order?.id, paymentIntentId: decision.intent.id }
        : { orderId: decision.order.id, paymentIntentId: decision.order.paymentIntentId }
  return [...(orderId ? [`order:${orderId}`] : []), ...(paymentIntentId ? [`intent:${paymentIntentId}`] : [])]
}
