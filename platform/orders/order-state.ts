import type { Money } from '../money.js'

/** Why an order failed; stable codes. */
export type OrderFailureCode =
  'CARD_DECLINED' | 'PAYMENT_ACTION_REQUIRED' | 'PSP_REJECTED' | 'PAYMENT_CANCELED'

interface OrderBase {
  id: string
  cartId: string
  /** The client's checkout Idempotency-Key ('' when idempotency is off and none was sent). */
  checkoutKey: string
  total: Money
  /** Every PaymentIntent created for this order, in order. */
  paymentIntentIds: readonly string[]
  createdAt: Date
}

/** An order, by status: each status carries what is known in it. */
export type Order =
  | (OrderBase & { status: 'pending' })
  | (OrderBase & { status: 'payment_pending' })
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
  | { type: 'refunded' }

/** Which statuses each status may move to; terminal statuses have none. */
export const ORDER_TRANSITIONS = {
  pending: ['payment_pending', 'failed'],
  payment_pending: ['paid', 'failed'],
  paid: ['refunded'],
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
            },
            'payment_succeeded',
          )
        : refuse()
    case 'payment_failed':
      return order.status === 'pending' || order.status === 'payment_pending'
        ? moved({ ...base, status: 'failed', reason: event.reason }, `payment_failed:${event.reason}`)
        : refuse()
    case 'refunded':
      return order.status === 'paid'
        ? moved({ ...base, status: 'refunded', paymentIntentId: order.paymentIntentId }, 'refunded')
        : refuse()
    default: {
      const never: never = event
      return never
    }
  }
}

function baseOf(order: Order): OrderBase {
  const { id, cartId, checkoutKey, total, paymentIntentIds, createdAt } = order
  return { id, cartId, checkoutKey, total, paymentIntentIds, createdAt }
}

function withIntent(ids: readonly string[], id: string): readonly string[] {
  return ids.includes(id) ? ids : [...ids, id]
}
