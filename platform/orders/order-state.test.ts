import { describe, expect, it } from 'vitest'
import { money } from '../money.js'
import {
  INITIAL_ORDER_STATUS,
  ORDER_TRANSITIONS,
  transition,
  type Order,
  type OrderEvent,
  type OrderStatus,
} from './order-state.js'

const EVENTS: OrderEvent[] = [
  { type: 'payment_started' },
  { type: 'payment_succeeded', paymentIntentId: 'pi_1' },
  { type: 'payment_failed', reason: 'CARD_DECLINED' },
  { type: 'refunded' },
]

const base = {
  id: 'ord_1',
  cartId: 'cart_1',
  checkoutKey: 'k',
  total: money(100, 'usd'),
  paymentIntentIds: [],
  createdAt: new Date(0),
}

function orderIn(status: OrderStatus): Order {
  switch (status) {
    case 'paid':
    case 'refunded':
      return { ...base, status, paymentIntentId: 'pi_1' }
    case 'failed':
      return { ...base, status, reason: 'CARD_DECLINED' }
    default:
      return { ...base, status }
  }
}

const STATUSES = Object.keys(ORDER_TRANSITIONS) as OrderStatus[]

describe('order state machine', () => {
  it('reaches every status from the initial one', () => {
    const seen = new Set<OrderStatus>([INITIAL_ORDER_STATUS])
    const queue: Order[] = [orderIn(INITIAL_ORDER_STATUS)]
    while (queue.length > 0) {
      const order = queue.shift()!
      for (const event of EVENTS) {
        const r = transition(order, event)
        if (r.ok && !seen.has(r.to)) {
          seen.add(r.to)
          queue.push(r.order)
        }
      }
    }
    expect([...seen].sort()).toEqual([...STATUSES].sort())
  })

  it('has no exits from terminal statuses', () => {
    for (const status of STATUSES.filter((s) => ORDER_TRANSITIONS[s].length === 0)) {
      for (const event of EVENTS) expect(transition(orderIn(status), event).ok).toBe(false)
    }
  })

  it('moves only along the declared table, and refuses every other move with a code', () => {
    for (const status of STATUSES) {
      for (const event of EVENTS) {
        const r = transition(orderIn(status), event)
        if (r.ok) {
          expect(ORDER_TRANSITIONS[status] as readonly OrderStatus[]).toContain(r.to)
        } else {
          expect(r.error).toMatchObject({ code: 'ORDER_TRANSITION_REFUSED', from: status, event: event.type })
        }
      }
    }
  })

  it('records the PaymentIntent that paid the order', () => {
    const r = transition(orderIn('payment_pending'), { type: 'payment_succeeded', paymentIntentId: 'pi_9' })
    expect(r.ok && r.order).toMatchObject({
      status: 'paid',
      paymentIntentId: 'pi_9',
      paymentIntentIds: ['pi_9'],
    })
  })
})
