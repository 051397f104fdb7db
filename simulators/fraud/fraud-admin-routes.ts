import { json } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import type { FraudState } from './fraud-state.js'

/**
 * `GET /__admin/ledger[?order_id=]`: every workflow decision, oldest first, as `{ entries }`
 * (`FraudLedgerEntry`: order, user, score, decision, amount in minor units and currency), with
 * `eventCount`; `POST /__admin/reset`: forgets users, orders, runs, the ledger and fault rules.
 */
export function fraudAdminRoutes(state: FraudState, reset: () => void): Route[] {
  return [
    {
      method: 'GET',
      path: '/__admin/ledger',
      handle: (request) => {
        const orderId = new URL(request.url).searchParams.get('order_id') ?? undefined
        return json(200, { entries: state.ledger(orderId), eventCount: state.eventCount })
      },
    },
    {
      method: 'POST',
      path: '/__admin/reset',
      handle: () => {
        reset()
        return json(200, { reset: true })
      },
    },
  ]
}
