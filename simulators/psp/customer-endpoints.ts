import { customerSnapshot } from './snapshots.js'
import { metadata, rejectUnknown, str } from './form-params.js'
import { listPage } from './list-page.js'
import type { PspContext } from './psp-context.js'
import type { CustomerRecord } from './psp-records.js'
import { renderCustomer, renderPaymentMethod } from './render-objects.js'
import { resourceMissing } from './stripe-error.js'
import type { Endpoint, OpInput, OpResult } from './stripe-endpoint.js'
import { recordEvent } from './record-activity.js'

const createParams = new Set(['email', 'name', 'description', 'metadata', 'phone'])

function create(ctx: PspContext, input: OpInput): OpResult {
  rejectUnknown(input.form, createParams)
  const customer: CustomerRecord = {
    id: ctx.ids.next('cus', 8),
    email: str(input.form, 'email', 512) ?? null,
    name: str(input.form, 'name', 256) ?? null,
    description: str(input.form, 'description') ?? null,
    created: Math.floor(input.nowMs / 1000),
    metadata: metadata(input.form) ?? {},
  }
  ctx.state.customers.add(customer)
  recordEvent(ctx, input, 'customer.created', customerSnapshot(customer))
  return { ok: true, body: renderCustomer(customer) }
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const customer = ctx.state.customers.get(input.params.id ?? '')
  if (!customer)
    return { ok: false, saved: false, failure: resourceMissing('id', input.params.id ?? '', 'customer') }
  return { ok: true, body: renderCustomer(customer) }
}

function list(ctx: PspContext, input: OpInput): OpResult {
  return listPage(input, '/v1/customers', ctx.state.customers.order, (id) => {
    const customer = ctx.state.customers.get(id)
    return customer ? renderCustomer(customer) : undefined
  })
}

/**
 * `GET /v1/customers/{id}/payment_methods` (`stripe.customers.listPaymentMethods`): the PaymentMethods
 * attached to the customer, newest first, paginated like every list; `type` filters (all are cards).
 */
function listPaymentMethods(ctx: PspContext, input: OpInput): OpResult {
  const id = input.params.id ?? ''
  if (!ctx.state.customers.get(id))
    return { ok: false, saved: false, failure: resourceMissing('customer', id, 'customer') }
  const type = str(input.form, 'type')
  const ids = type === undefined || type === 'card' ? ctx.state.paymentMethodsByCustomer.get(id) : []
  return listPage(
    input,
    `/v1/customers/${id}/payment_methods`,
    ids,
    (pmId) => {
      const pm = ctx.state.paymentMethods.get(pmId)
      return pm?.customer === id ? renderPaymentMethod(pm, ctx.state, input.expand) : undefined
    },
    new Set(['type']),
  )
}

/** The Customers endpoints. */
export const customerEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/customers', answers: { object: 'customer' }, run: create },
  { method: 'GET', path: '/v1/customers', answers: { object: 'customer', list: true }, run: list },
  { method: 'GET', path: '/v1/customers/:id', answers: { object: 'customer' }, run: retrieve },
  {
    method: 'GET',
    path: '/v1/customers/:id/payment_methods',
    answers: { object: 'payment_method', list: true },
    run: listPaymentMethods,
  },
]
