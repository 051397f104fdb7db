import { str } from './form-params.js'
import { listPage } from './list-page.js'
import type { PspContext } from './psp-context.js'
import { renderCharge } from './render-objects.js'
import { resourceMissing } from './stripe-error.js'
import type { Endpoint, OpInput, OpResult } from './stripe-endpoint.js'

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const charge = ctx.state.charges.get(input.params.id ?? '')
  if (!charge)
    return { ok: false, saved: false, failure: resourceMissing('id', input.params.id ?? '', 'charge') }
  return { ok: true, body: renderCharge(charge, ctx.state, input.expand) }
}

function list(ctx: PspContext, input: OpInput): OpResult {
  const intent = str(input.form, 'payment_intent')
  const ids = intent !== undefined ? ctx.state.chargesByIntent.get(intent) : ctx.state.charges.order
  return listPage(
    input,
    '/v1/charges',
    ids,
    (id) => {
      const charge = ctx.state.charges.get(id)
      return charge ? renderCharge(charge, ctx.state, input.expand) : undefined
    },
    new Set(['payment_intent']),
  )
}

/** The Charges endpoints (read-only: charges come from confirming intents). */
export const chargeEndpoints: Endpoint[] = [
  { method: 'GET', path: '/v1/charges', answers: { object: 'charge', list: true }, run: list },
  { method: 'GET', path: '/v1/charges/:id', answers: { object: 'charge' }, run: retrieve },
]
