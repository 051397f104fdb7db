import { captureCharge, createCharge, updateCharge } from './charge-create.js'
import { str } from '../wire/form-params.js'
import { chargeListKeep, chargeListParams } from '../wire/list-keeps.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import { renderCharge } from '../render-objects.js'
import { resourceMissing } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

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
    chargeListParams,
    chargeListKeep(ctx.state, input.form),
  )
}

/** The Charges endpoints: charges come from confirming intents, or from the legacy create. */
export const chargeEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/charges', answers: { object: 'charge' }, run: createCharge },
  { method: 'GET', path: '/v1/charges', answers: { object: 'charge', list: true }, run: list },
  { method: 'GET', path: '/v1/charges/:id', answers: { object: 'charge' }, run: retrieve },
  { method: 'POST', path: '/v1/charges/:id', answers: { object: 'charge' }, run: updateCharge },
  { method: 'POST', path: '/v1/charges/:id/capture', answers: { object: 'charge' }, run: captureCharge },
]
