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
  { type: 'refund_requested', amountMinor: 40 },
  { type: 'refunded', amountMinor: 40 },
  { type: 'refunded', amountMinor: 100 },
  { type: 'refund_failed', amountMinor: 40 },
  { type: 'tax_quoted', tax: money(10, 'usd'), estimated: false },
  { type: 'fraud_assessed', category: 'watch', source: 'vendor' },
  { type: 'payment_authorized', paymentIntentId: 'pi_1', hold: false },
  { type: 'payment_authorized', paymentIntentId: 'pi_1', hold: true },
  { type: 'review_approved' },
  { type: 'payment_captured' },
  { type: 'tax_committed' },
  { type: 'tax_commit_failed' },
]

const base = {
  id: 'ord_1',
  cartId: 'cart_1',
  checkoutKey: 'k',
  total: money(100, 'usd'),
  paymentIntentIds: [],
  createdAt: new Date(0),
  saga: {
    subtotal: money(100, 'usd'),
    tax: undefined,
    fraud: undefined,
    taxDocument: 'commit_pending' as const,
  },
}

function orderIn(status: OrderStatus): Order {
  switch (status) {
    case 'paid':
    case 'refunded':
    case 'authorized':
    case 'held_for_review':
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

  it('adds the quoted tax to the subtotal', () => {
    const r = transition(orderIn('payment_pending'), {
      type: 'tax_quoted',
      tax: money(11, 'usd'),
      estimated: true,
    })
    expect(r.ok && r.order).toMatchObject({ total: money(111, 'usd'), saga: { tax: { estimated: true } } })
    expect(r.ok && r.reason).toBe('tax_estimated:11 usd')
  })

  it('keeps a partly refunded order paid with its refunded amount, and refunds it at the capture', () => {
    const partly = transition(orderIn('paid'), { type: 'refunded', amountMinor: 60 })
    expect(partly.ok && partly.order).toMatchObject({ status: 'paid', refundedMinor: 60 })
    if (!partly.ok) return
    expect(transition(partly.order, { type: 'refunded', amountMinor: 41 }).ok).toBe(false)
    const rest = transition(partly.order, { type: 'refunded', amountMinor: 40 })
    expect(rest.ok && rest.order).toMatchObject({ status: 'refunded', refundedMinor: 100 })
  })

  it('marks a captured saga order paid with its tax commit pending, then committed', () => {
    const captured = transition(orderIn('authorized'), { type: 'payment_captured' })
    expect(captured.ok && captured.order).toMatchObject({
      status: 'paid',
      saga: { taxDocument: 'commit_pending' },
    })
    const committed = captured.ok ? transition(captured.order, { type: 'tax_committed' }) : undefined
    expect(committed?.ok && committed.order).toMatchObject({
      status: 'paid',
      saga: { taxDocument: 'committed' },
    })
  })

  it('owes the tax document of a saga order paid by its webhook, not its capture step (a crash mid-saga)', () => {
    const quoted = { ...orderIn('payment_pending'), saga: { ...base.saga, taxDocument: 'none' as const } }
    const paid = transition(quoted, { type: 'payment_succeeded', paymentIntentId: 'pi_9' })
    expect(paid.ok && paid.order).toMatchObject({ status: 'paid', saga: { taxDocument: 'commit_pending' } })
    const committed = paid.ok ? transition(paid.order, { type: 'tax_committed' }) : undefined
    expect(committed?.ok && committed.order).toMatchObject({ saga: { taxDocument: 'committed' } })
  })
})
