import { problemBody } from '../http/problem.js'
import { toMoneyJson } from '../money-json.js'
import type { CheckoutOutcome } from './checkout-outcome.js'

/** What the checkout route answers: a status and a JSON body (problem+json when status ≥ 400). */
export interface CheckoutResponse {
  status: number
  body: unknown
}

/**
 * The HTTP answer for each checkout outcome: 201 with the paid order, or a problem with its code
 * from the platform's registry (`http/problem.ts`). The idempotency layer saves exactly this for
 * replay.
 *
 * @example checkoutResponse({ kind: 'cart_empty', cartId: 'cart_1' }) // { status: 422, body: { code: 'CART_EMPTY', … } }
 */
export function checkoutResponse(outcome: CheckoutOutcome): CheckoutResponse {
  switch (outcome.kind) {
    case 'paid': {
      const { order } = outcome
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
    case 'declined': {
      const { orderId, declineCode } = outcome
      return problem(
        'CARD_DECLINED',
        `The card was declined${declineCode ? ` (${declineCode})` : ''}`,
        declineCode ? { orderId, declineCode } : { orderId },
      )
    }
    case 'action_required':
      return problem(
        'PAYMENT_ACTION_REQUIRED',
        'The payment method needs customer authentication, which this API does not support',
        { orderId: outcome.orderId },
      )
    case 'psp_rejected':
      return problem(
        'PSP_REJECTED',
        outcome.pspCode === undefined
          ? 'The payment provider refused the payment request'
          : `The payment provider refused the request (${outcome.pspCode})`,
        { orderId: outcome.orderId },
      )
    case 'payment_indeterminate':
      return problem(
        'PSP_UNAVAILABLE',
        `The payment provider did not answer (${outcome.reason}); retry with the same key`,
        { orderId: outcome.orderId },
      )
    case 'circuit_open':
      return problem(
        'PSP_CIRCUIT_OPEN',
        'The payment provider is failing; no order was created. Retry later.',
      )
    case 'cart_not_found':
      return problem('CART_NOT_FOUND', `Cart ${outcome.cartId} does not exist`)
    case 'cart_empty':
      return problem('CART_EMPTY', `Cart ${outcome.cartId} has no items`)
    case 'out_of_stock':
      return problem('INSUFFICIENT_STOCK', `Only ${outcome.available} of ${outcome.sku} in stock`, {
        sku: outcome.sku,
        available: outcome.available,
      })
    default: {
      const never: never = outcome
      return never
    }
  }
}

/** Any problem as a checkout response. */
export function problem(...args: Parameters<typeof problemBody>): CheckoutResponse {
  const body = problemBody(...args)
  return { status: body.status, body }
}
