import { problemBody } from '../http/problem.js'
import { toMoneyJson } from '../money-json.js'
import type { OrderSaga } from '../orders/order-state.js'
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
    case 'paid':
    case 'held_for_review': {
      const { order } = outcome
      return {
        // 202: accepted, not yet charged — an admin's review decides.
        status: outcome.kind === 'paid' ? 201 : 202,
        body: {
          order: {
            id: order.id,
            status: order.status,
            cartId: order.cartId,
            total: toMoneyJson(order.total),
            paymentIntentId: order.paymentIntentId,
            ...(order.saga ? sagaJson(order.saga) : {}),
          },
        },
      }
    }
    case 'fraud_rejected':
      return problem(
        'FRAUD_REJECTED',
        outcome.by === 'vendor'
          ? 'The order was refused by fraud screening; nothing was charged'
          : 'The order was rejected on review; nothing was charged',
        { orderId: outcome.orderId },
      )
    case 'vendor_unavailable':
      return problem(
        outcome.vendor === 'tax' ? 'TAX_UNAVAILABLE' : 'FRAUD_UNAVAILABLE',
        `The ${outcome.vendor} service failed (${outcome.reason}); nothing was charged. Retry later with a new key.`,
        outcome.orderId === undefined ? {} : { orderId: outcome.orderId },
      )
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

/** The saga's part of an order in an answer: subtotal, tax and whether it was estimated. */
export function sagaJson(saga: OrderSaga): Record<string, unknown> {
  return {
    subtotal: toMoneyJson(saga.subtotal),
    ...(saga.tax ? { tax: toMoneyJson(saga.tax.amount), taxEstimated: saga.tax.estimated } : {}),
    taxDocument: saga.taxDocument,
  }
}

/** Any problem as a checkout response. */
export function problem(...args: Parameters<typeof problemBody>): CheckoutResponse {
  const body = problemBody(...args)
  return { status: body.status, body }
}
