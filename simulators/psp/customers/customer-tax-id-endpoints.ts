import { stripeErrors } from '../../error-codes.js'
import type { TaxIdRecord, TaxIdVerification } from './customer-books.js'
import { isFailure, liveCustomer } from './customer-lookup.js'
import { renderTaxId } from './customer-renders.js'
import { oneOf, rejectUnknown, requiredParam } from '../wire/form-params.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import { recordEvent } from '../events/record-activity.js'
import { invalidParam, resourceMissing } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'
import { taxIdCountry, taxIdTypes, taxIdValueFits, verifiedTypes } from './tax-id-types.js'

/** Tax ids a customer may hold at once (the simulator's cap). */
const maxPerCustomer = 25

/**
 * Test-mode verification, by the value's last nine characters (docs.stripe.com/billing/customer/tax-ids):
 * `000000000` verifies, `111111111` fails; any other value of a verified type stays `pending`.
 */
function verificationOf(type: string, value: string): TaxIdRecord['verification'] {
  if (!verifiedTypes.has(type)) return { status: 'unavailable', verifiedName: null, verifiedAddress: null }
  const tail = value.slice(-9)
  const status: TaxIdVerification =
    tail === '000000000' ? 'verified' : tail === '111111111' ? 'unverified' : 'pending'
  return status === 'verified'
    ? { status, verifiedName: 'Test Company', verifiedAddress: '123 Test Street, Test City' }
    : { status, verifiedName: null, verifiedAddress: null }
}

function create(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  rejectUnknown(input.form, new Set(['type', 'value']))
  requiredParam(input.form, 'type')
  const type = oneOf(input.form, 'type', taxIdTypes) ?? ''
  const value = requiredParam(input.form, 'value').replace(/\s+/g, ' ').trim()
  if (!taxIdValueFits(type, value))
    return {
      ok: false,
      saved: false,
      failure: invalidParam('value', `Invalid value for ${type}.`, stripeErrors.tax_id_invalid),
    }
  const books = ctx.state.customerBooks.taxIds
  if (books.ids(customer.id).length >= maxPerCustomer)
    return {
      ok: false,
      saved: false,
      failure: invalidParam('customer', `A customer can have at most ${maxPerCustomer} tax IDs.`),
    }
  const taxId = books.add({
    id: ctx.ids.next('txi', 14),
    customer: customer.id,
    type,
    value,
    country: taxIdCountry(type, value),
    created: Math.floor(input.nowMs / 1000),
    verification: verificationOf(type, value),
  })
  const copy = { ...taxId }
  recordEvent(ctx, input, 'customer.tax_id.created', () => renderTaxId(copy))
  return { ok: true, body: renderTaxId(taxId) }
}

function find(ctx: PspContext, input: OpInput): TaxIdRecord | OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  const id = input.params.taxId ?? ''
  const taxId = ctx.state.customerBooks.taxIds.of(customer.id, id)
  return taxId ?? { ok: false, saved: false, failure: resourceMissing('id', id, 'tax_id') }
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const taxId = find(ctx, input)
  return isFailure(taxId) ? taxId : { ok: true, body: renderTaxId(taxId) }
}

function remove(ctx: PspContext, input: OpInput): OpResult {
  const taxId = find(ctx, input)
  if (isFailure(taxId)) return taxId
  ctx.state.customerBooks.taxIds.delete(taxId.id)
  recordEvent(ctx, input, 'customer.tax_id.deleted', () => renderTaxId(taxId))
  return { ok: true, body: { id: taxId.id, object: 'tax_id', deleted: true } }
}

function list(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  const books = ctx.state.customerBooks.taxIds
  return listPage(input, `/v1/customers/${customer.id}/tax_ids`, books.ids(customer.id), (id) => {
    const taxId = books.byId.get(id)
    return taxId ? renderTaxId(taxId) : undefined
  })
}

const answers = { object: 'tax_id' } as const

/** `/v1/customers/{id}/tax_ids`: create, list, retrieve, delete. */
export const customerTaxIdEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/customers/:id/tax_ids', answers, run: create },
  { method: 'GET', path: '/v1/customers/:id/tax_ids', answers: { ...answers, list: true }, run: list },
  { method: 'GET', path: '/v1/customers/:id/tax_ids/:taxId', answers, run: retrieve },
  { method: 'DELETE', path: '/v1/customers/:id/tax_ids/:taxId', answers, run: remove },
]
