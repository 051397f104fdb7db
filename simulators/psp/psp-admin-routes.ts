import { json } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import type { PspContext } from './psp-context.js'

/** `/__admin/ledger` (every authorisation, capture, refund, cancel) and `/__admin/reset`. */
export function pspAdminRoutes(ctx: PspContext, onReset: () => void): Route[] {
  return [
    {
      method: 'GET',
      path: '/__admin/ledger',
      handle: (request) => {
        const orderId = new URL(request.url).searchParams.get('order_id')
        const entries =
          orderId === null
            ? ctx.state.ledger.entries()
            : ctx.state.ledger.entries((e) => e.metadata.order_id === orderId)
        return json(200, { entries })
      },
    },
    {
      method: 'POST',
      path: '/__admin/reset',
      handle: () => {
        ctx.state.reset()
        ctx.idempotency.clear()
        onReset()
        return json(200, { reset: true })
      },
    },
  ]
}
