import { add, type Money } from '../money.js'

/** Why an order failed; stable codes. */
export type OrderFailureCode =
  | 'CARD_DECLINED'
  | 'PAYMENT_ACTION_REQUIRED'
  | 'PSP_REJECTED'
  | 'PAYMENT_CANCELED'
  /** The fraud vendor blocked it (saga). */
  | 'FRAUD_REJECTED'
  /** Held for review, then rejected by an admin (saga). */
  | 'REVIEW_REJECTED'
  /** The tax vendor failed and `tax-fallback` is off (saga). */
  | 'TAX_UNAVAILABLE'
  /** The fraud vendor failed and `fraud-fail-open` is off (saga). */
  | 'FRAUD_UNAVAILABLE'

/** Where the order's tax document stands at the tax vendor. */
export type TaxDocumentState =
  /** None saved: only a quote (SalesOrder) so far, or no tax step yet. */
  | 'none'
  /** Captured: the committed SalesInvoice is due (the reconciler retries it). */
  | 'commit_pending'
  | 'committed'
  | 'voided'

/** What the checkout saga knows of an order beyond its payment (absent on PSP-only orders). */
export interface OrderSaga {
  /** The cart's total; the order's `total` is this plus tax once quoted. */
  subtotal: Money
  /** The quoted tax; `estimated` when `tax-fallback` estimated it (true-up due). */
  tax: { amount: Money; estimated: boolean } | undefined
  /** The fraud decision, and whether the vendor made it or `fraud-fail-open` did. */
  fraud: { category: 'accept' | 'watch' | 'block'; source: 'vendor' | 'fail_open' } | undefined
  taxDocument: TaxDocumentState
}

interface OrderBase {
  id: string
  cartId: string
  /** The client's checkout Idempotency-Key ('' when idempotency is off and none was sent). */
  checkoutKey: string
  total: Money
  /** Every PaymentIntent created for this order, in order. */
  paymentIntentIds: readonly string[]
  createdAt: Date
  /** Checkout-saga state (tax, fraud); absent on orders paid through the PSP alone. */
  saga?: OrderSaga | undefined
  /** Minor units refunded so far (paid and refunded orders); absent or 0 before any refund. */
  refundedMinor?: number
}

/** An order, by status: each status carries what is known in it. */
export type Order =
  | (OrderBase & { status: 'pending' })
  | (OrderBase & { status: 'payment_pending' })
  /** Saga: the PSP holds the money (manual capture); capture is next. */
  | (OrderBase & { status: 'authorized'; paymentIntentId: string })
  /** Saga: authorised, uncaptured, waiting for an admin's review (fraud said watch). */
  | (OrderBase & { status: 'held_for_review'; paymentIntentId: string })
  | (OrderBase & { status: 'paid'; paymentIntentId: string })
  | (OrderBase & { status: 'failed'; reason: OrderFailureCode })
  | (OrderBase & { status: 'refunded'; paymentIntentId: string })

/** One order status. */
export type OrderStatus = Order['status']

/** What can happen to an order. */
export type OrderEvent =
  | { type: 'payment_started' }
  | { type: 'payment_succeeded'; paymentIntentId: string }
  | { type: 'payment_failed'; reason: OrderFailureCode }
  /** A refund of `amountMinor` was reserved against the capture (the order stays paid). */
  | { type: 'refund_requested'; amountMinor: number }
  /** The PSP refunded `amountMinor`: still paid while some remains, `refunded` once none does. */
  | { type: 'refunded'; amountMinor: number }
  /** The PSP refused a reserved refund: the reservation is released, the order stays paid. */
  | { type: 'refund_failed'; amountMinor: number }
  /** Saga: tax quoted (or estimated): the total becomes subtotal + tax. */
  | { type: 'tax_quoted'; tax: Money; estimated: boolean }
  | { type: 'fraud_assessed'; category: 'accept' | 'watch' | 'block'; source: 'vendor' | 'fail_open' }
  /** Saga: authorised with manual capture; `hold` parks it for review. */
  | { type: 'payment_authorized'; paymentIntentId: string; hold: boolean }
  | { type: 'review_approved' }
  | { type: 'payment_captured' }
  | { type: 'tax_committed' }
  /** A tax commit that failed after capture: recorded, still pending. */
  | { type: 'tax_commit_failed' }

/** Which statuses each status may move to; terminal statuses have none. */
export const ORDER_TRANSITIONS = {
  pending: ['payment_pending', 'failed'],
  payment_pending: ['payment_pending', 'authorized', 'held_for_review', 'paid', 'failed'],
  authorized: ['paid', 'failed'],
  held_for_review: ['authorized', 'failed'],
  paid: ['paid', 'refunded'],
  failed: [],
  refunded: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>

/** Statuses an order is created in. */
export const INITIAL_ORDER_STATUS = 'pending' satisfies OrderStatus

/** A refused transition, with a stable code. */
export interface TransitionRefusal {
  code: 'ORDER_TRANSITION_REFUSED'
  from: OrderStatus
  event: OrderEvent['type']
  detail: string
}

/** The outcome of {@link transition}. */
export type TransitionResult =
  | { ok: true; order: Order; from: OrderStatus; to: OrderStatus; reason: string }
  | { ok: false; error: TransitionRefusal }

/**
 * The order state machine: the next state for `event`, or a refusal — never a silent no-op.
 *
 * @example
 * const r = transition(order, { type: 'payment_succeeded', paymentIntentId: 'pi_1' })
 * if (r.ok) save(r.order, { from: r.from, to: r.to, reason: r.reason })
 */
export function transition(order: Order, event: OrderEvent): TransitionResult {
  const refuse = (): TransitionResult => ({
    ok: false,
    error: {
      code: 'ORDER_TRANSITION_REFUSED',
      from: order.status,
      event: event.type,
      detail: `Failed to apply ${event.type} to order (${order.id}): it is ${order.status}`,
    },
  })
  const base = baseOf(order)
  const moved = (next: Order, reason: string): TransitionResult => ({
    ok: true,
    order: next,
    from: order.status,
    to: next.status,
    reason,
  })
  switch (event.type) {
    case 'payment_started':
      return order.status === 'pending'
        ? moved({ ...base, status: 'payment_pending' }, 'payment_started')
        : refuse()
    case 'payment_succeeded':
      return order.status === 'payment_pending'
        ? moved(
            {
              ...base,
              status: 'paid',
              paymentIntentId: event.paymentIntentId,
              paymentIntentIds: withIntent(base.paymentIntentIds, event.paymentIntentId),
              // A saga order paid by another road than its own capture step (the PSP's webhook
              // after a crash mid-saga) still owes its tax document: the reconciler commits it.
              ...(base.saga
                ? { saga: { ...base.saga, taxDocument: owedTaxDocument(base.saga.taxDocument) } }
                : {}),
            },
            'payment_succeeded',
          )
        : refuse()
    case 'payment_failed':
      return order.status === 'pending' ||
        order.status === 'payment_pending' ||
        order.status === 'authorized' ||
        order.status === 'held_for_review'
        ? moved({ ...base, status: 'failed', reason: event.reason }, `payment_failed:${event.reason}`)
        : refuse()
    case 'tax_quoted': {
      if (order.status !== 'payment_pending' || !base.saga) return refuse()
      const saga = { ...base.saga, tax: { amount: event.tax, estimated: event.estimated } }
      return moved(
        { ...base, status: 'payment_pending', saga, total: add(base.saga.subtotal, event.tax) },
        `${event.estimated ? 'tax_estimated' : 'tax_quoted'}:${event.tax.amount} ${event.tax.currency}`,
      )
    }
    case 'fraud_assessed': {
      if (order.status !== 'payment_pending' || !base.saga) return refuse()
      const saga = { ...base.saga, fraud: { category: event.category, source: event.source } }
      return moved(
        { ...base, status: 'payment_pending', saga },
        `${event.source === 'vendor' ? 'fraud_assessed' : 'fraud_fail_open'}:${event.category}`,
      )
    }
    case 'payment_authorized': {
      if (order.status !== 'payment_pending') return refuse()
      const authorized = {
        ...base,
        paymentIntentId: event.paymentIntentId,
        paymentIntentIds: withIntent(base.paymentIntentIds, event.paymentIntentId),
      }
      return event.hold
        ? moved({ ...authorized, status: 'held_for_review' }, 'payment_authorized:held_for_review')
        : moved({ ...authorized, status: 'authorized' }, 'payment_authorized')
    }
    case 'review_approved':
      return order.status === 'held_for_review'
        ? moved({ ...base, status: 'authorized', paymentIntentId: order.paymentIntentId }, 'review_approved')
        : refuse()
    case 'payment_captured':
      return order.status === 'authorized' && base.saga
        ? moved(
            {
              ...base,
              status: 'paid',
              paymentIntentId: order.paymentIntentId,
              saga: { ...base.saga, taxDocument: 'commit_pending' },
            },
            'payment_captured',
          )
        : refuse()
    case 'tax_committed':
      return order.status === 'paid' && base.saga?.taxDocument === 'commit_pending'
        ? moved({ ...order, saga: { ...base.saga, taxDocument: 'committed' } }, 'tax_committed')
        : refuse()
    case 'tax_commit_failed':
      return order.status === 'paid' && base.saga?.taxDocument === 'commit_pending'
        ? moved({ ...order }, 'tax_commit_failed')
        : refuse()
    case 'refund_requested':
    case 'refund_failed':
      return order.status === 'paid' && refundable(order, event.amountMinor)
        ? moved({ ...order }, `${event.type}:${event.amountMinor} ${order.total.currency}`)
        : refuse()
    case 'refunded': {
      if (order.status !== 'paid' || !refundable(order, event.amountMinor)) return refuse()
      const refundedMinor = (order.refundedMinor ?? 0) + event.amountMinor
      const reason = `refunded:${event.amountMinor} ${order.total.currency}`
      return refundedMinor === order.total.amount
        ? moved(
            { ...base, status: 'refunded', paymentIntentId: order.paymentIntentId, refundedMinor },
            reason,
          )
        : moved({ ...order, refundedMinor }, reason)
    }
    default: {
      const never: never = event
      return never
    }
  }
}

function baseOf(order: Order): OrderBase {
  const { id, cartId, checkoutKey, total, paymentIntentIds, createdAt, saga, refundedMinor } = order
  return {
    id,
    cartId,
    checkoutKey,
    total,
    paymentIntentIds,
    createdAt,
    ...(saga ? { saga } : {}),
    ...(refundedMinor === undefined ? {} : { refundedMinor }),
  }
}

/** A positive whole amount that fits in what the order's capture has not refunded yet. */
function refundable(order: Order, amountMinor: number): boolean {
  return (
    Number.isSafeInteger(amountMinor) &&
    amountMinor > 0 &&
    (order.refundedMinor ?? 0) + amountMinor <= order.total.amount
  )
}

function withIntent(ids: readonly string[], id: string): readonly string[] {
  return ids.includes(id) ? ids : [...ids, id]
}

/** Once an order is paid its tax document is owed: `none` becomes `commit_pending`; later states stay. */
function owedTaxDocument(state: TaxDocumentState): TaxDocumentState {
  return state === 'none' ? 'commit_pending' : state
}
