import { problemBody } from '../http/problem.js'
import { toMoneyJson } from '../money-json.js'
import type { Order } from '../orders/order-state.js'

/** What the checkout route answers: a status and a JSON body (problem+json when status ≥ 400). */
export interface CheckoutResponse {
  status: number
  body: unknown
}

/** 201 with the paid order. */
export function paidResponse(order: Order & { status: 'paid' }): CheckoutResponse {
  return {
    status: 201,
    body: {
      order: {
        id: order.id,
        status: order.status,
        cartId: order.cartId,
        total: toMoneyJson(order.total),
        paymentIntentId: order.paymentIntentId,
      },
    },
  }
}

/** The answer for an order whose payment is decided, read from its state. */
export function responseForOrder(order: Order, declineCode?: string): CheckoutResponse {
  switch (order.status) {
    case 'paid':
    case 'refunded':
      return paidResponse({ ...order, status: 'paid' })
    case 'failed': {
      const code = order.reason === 'PAYMENT_CANCELED' ? 'CARD_DECLINED' : order.reason
      const detail =
        code === 'CARD_DECLINED'
          ? `The card was declined${declineCode ? ` (${declineCode})` : ''}`
          : code === 'PAYMENT_ACTION_REQUIRED'
            ? 'The payment method needs customer authentication, which this API does not support'
            : 'The payment provider refused the payment request'
      const extra = declineCode ? { orderId: order.id, declineCode } : { orderId: order.id }
      return problem(code, detail, extra)
    }
    case 'pending':
    case 'payment_pending':
      return unavailableResponse(order.id, 'the payment outcome is not known yet')
    default: {
      const never: never = order
      return never
    }
  }
}

/** 502: the PSP's answer is unknown; the order stays `payment_pending` and a retry resumes it. */
export function unavailableResponse(orderId: string, reason: string): CheckoutResponse {
  return problem(
    'PSP_UNAVAILABLE',
    `The payment provider did not answer (${reason}); retry with the same key`,
    {
      orderId,
    },
  )
}

/** Any problem as a checkout response. */
export function problem(...args: Parameters<typeof problemBody>): CheckoutResponse {
  const body = problemBody(...args)
  return { status: body.status, body }
}
