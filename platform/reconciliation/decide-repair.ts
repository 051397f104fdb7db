import type { Mismatch } from './reconciliation-schemas.js'
import type { IntentView } from './reconciler-psp.js'

/** What the reconciler reads of an order (its own query: statuses it does not know are left alone). */
export interface OrderView {
  id: string
  status: string
  /** The intent the order settled on (authorized, held, paid, refunded), if any. */
  paymentIntentId: string | undefined
  paymentIntentIds: readonly string[]
  totalMinor: number
  currency: string
  /** Saga orders only (PSP-only orders pay in one step, without tax or fraud). */
  saga: boolean
  taxDocument: string
  fraudCategory: string | undefined
  createdAtMs: number
  updatedAtMs: number
}

/** The repairs, by kind (stable names: the report and the docs use them). */
export type RepairKind =
  /** Captured at the PSP, order still authorized / payment_pending: the order is marked paid. */
  | 'capture_recorded'
  /** Authorised, the saga died before capture: the reconciler captures (the saga's key) and marks paid. */
  | 'capture_completed'
  /** Authorised, the saga died before recording it, fraud said watch: the order is held for review. */
  | 'authorization_recorded'
  /** An authorisation with no order, for a failed order, or a second one for an order: canceled. */
  | 'authorization_canceled'
  /** A capture with no order, for a failed order, or a second one for an order: refunded. */
  | 'charge_refunded'
  /** The intent was canceled, the order still waited on it: failed, stock released. */
  | 'order_failed'
  /** A paid order's tax commit (SalesInvoice) was pending: retried. */
  | 'tax_committed'
  /** A failed order had a tax document: voided. */
  | 'tax_voided'
  /**
   * Not a pass's decision: the completer resumed a checkout stalled at `order_created` (its PSP
   * outcome unknown, no client retry) with the same PSP key, to a final outcome.
   */
  | 'checkout_resumed'

/** Why an intent is to be canceled or refunded. */
export type OrphanReason = 'no_order' | 'failed_order' | 'duplicate'

/** What to do about one intent or order; `undefined` = they agree (or it is too early to judge). */
export type Decision =
  | {
      kind: 'capture_recorded' | 'capture_completed' | 'authorization_recorded' | 'order_failed'
      order: OrderView
      intent: IntentView
    }
  | {
      kind: 'authorization_canceled' | 'charge_refunded'
      order: OrderView | undefined
      intent: IntentView
      why: OrphanReason
    }
  | { kind: 'tax_committed' | 'tax_voided'; order: OrderView }
  | { kind: 'mismatch'; mismatch: Mismatch }

/** When an order counts as stalled: untouched for `stalledAfterMs` as of `nowMs` (the platform's clock). */
export interface DecideContext {
  nowMs: number
  stalledAfterMs: number
  /** A tax client is configured (the saga's). */
  hasTax: boolean
}

const stalled = (order: OrderView, ctx: DecideContext) => ctx.nowMs - order.updatedAtMs >= ctx.stalledAfterMs

/**
 * Compares one PaymentIntent with the order its `metadata.order_id` names. An order a live saga
 * may still be moving (authorized, payment_pending, held) is judged only once stalled; a missing
 * or failed order never moves again, so its intent is judged at once.
 */
export function decideForIntent(
  intent: IntentView,
  order: OrderView | undefined,
  ctx: DecideContext,
): Decision | undefined {
  const orphan = (why: OrphanReason): Decision | undefined =>
    intent.status === 'requires_capture'
      ? { kind: 'authorization_canceled', order, intent, why }
      : intent.status === 'succeeded' && intent.amountRefunded < intent.amountReceived
        ? { kind: 'charge_refunded', order, intent, why }
        : undefined
  if (!order) return orphan('no_order')
  if (order.status === 'failed') return orphan('failed_order')
  if (order.paymentIntentId !== undefined && order.paymentIntentId !== intent.id) {
    return orphan('duplicate')
  }
  const mismatch = (kind: string, detail: string): Decision => ({
    kind: 'mismatch',
    mismatch: { kind, orderId: order.id, paymentIntentId: intent.id, detail },
  })
  switch (order.status) {
    case 'authorized':
    case 'payment_pending': {
      if (!stalled(order, ctx)) return undefined
      if (intent.status === 'succeeded') return { kind: 'capture_recorded', order, intent }
      if (intent.status === 'canceled') return { kind: 'order_failed', order, intent }
      if (intent.status !== 'requires_capture' || !order.saga) return undefined
      return {
        kind:
          order.status === 'payment_pending' && order.fraudCategory === 'watch'
            ? 'authorization_recorded'
            : 'capture_completed',
        order,
        intent,
      }
    }
    case 'held_for_review':
      if (!stalled(order, ctx)) return undefined
      if (intent.status === 'canceled') return { kind: 'order_failed', order, intent }
      return intent.status === 'succeeded'
        ? mismatch(
            'captured_while_held',
            `intent ${intent.id} is captured; the order is still held for review`,
          )
        : undefined
    case 'paid':
      if (intent.status !== 'succeeded') {
        return mismatch('paid_without_capture', `the order is paid; intent ${intent.id} is ${intent.status}`)
      }
      return intent.amountReceived !== order.totalMinor
        ? mismatch(
            'amount_mismatch',
            `captured ${intent.amountReceived} ${intent.currency}; the order's total is ${order.totalMinor} ${order.currency}`,
          )
        : undefined
    default:
      return undefined
  }
}

/** An order's tax document against its status (the tax vendor is not listed: the order says what is due). */
export function decideForOrder(order: OrderView, ctx: DecideContext): Decision | undefined {
  if (!order.saga) return undefined
  const hasDocument = order.taxDocument === 'commit_pending' || order.taxDocument === 'committed'
  if (order.status === 'paid' && order.taxDocument === 'commit_pending' && stalled(order, ctx)) {
    return ctx.hasTax
      ? { kind: 'tax_committed', order }
      : {
          kind: 'mismatch',
          mismatch: {
            kind: 'tax_commit_unsupported',
            orderId: order.id,
            detail: 'no tax client is configured',
          },
        }
  }
  if (order.status === 'failed' && hasDocument) {
    return ctx.hasTax
      ? { kind: 'tax_voided', order }
      : {
          kind: 'mismatch',
          mismatch: {
            kind: 'tax_void_unsupported',
            orderId: order.id,
            detail: `the failed order's tax document is ${order.taxDocument}; no tax client is configured`,
          },
        }
  }
  return undefined
}
