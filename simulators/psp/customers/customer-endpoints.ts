import { applyBalance, balanceAmount, customerBalanceEndpoints } from './customer-balance-endpoints.js'
import { customerCashEndpoints } from './customer-cash-endpoints.js'
import { isFailure, liveCustomer } from './customer-lookup.js'
import { addSource, customerSourceEndpoints, unknownToken } from './customer-source-endpoints.js'
import { customerTaxIdEndpoints } from './customer-tax-id-endpoints.js'
import type { FormObject } from '../wire/form-body.js'
import { currency, metadata, ParamError, rejectUnknown, str } from '../wire/form-params.js'
import { allOf, byId, createdFilter, equalsFilter } from '../wire/list-filters.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import type { CustomerRecord } from '../psp-records.js'
import { recordEvent } from '../events/record-activity.js'
import { renderCustomer, renderPaymentMethod } from '../render-objects.js'
import { customerSnapshot } from '../events/snapshots.js'
import { invalidParam, resourceMissing, type StripeFailure } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

const fields = ['email', 'name', 'description', 'metadata', 'phone', 'balance', 'invoice_settings', 'source']
const createParams = new Set([...fields, 'payment_method', 'currency'])
const updateParams = new Set([...fields, 'default_source'])

function create(ctx: PspContext, input: OpInput): OpResult {
  const { form } = input
  rejectUnknown(form, createParams)
  const customer: CustomerRecord = {
    id: ctx.ids.next('cus', 8),
    email: str(form, 'email', 512) ?? null,
    name: str(form, 'name', 256) ?? null,
    description: str(form, 'description') ?? null,
    phone: str(form, 'phone', 20) ?? null,
    created: Math.floor(input.nowMs / 1000),
    metadata: metadata(form) ?? {},
    balance: 0,
    currency: currency(form) ?? null,
    defaultSource: null,
    invoiceSettings: { defaultPaymentMethod: null, footer: null },
    deleted: false,
  }
  const balance = balanceAmount(form, 'balance')
  const settings = invoiceSettings(form)
  // Everything that can fail is checked before anything is stored.
  const pmId = str(form, 'payment_method')
  const pm = pmId === undefined ? undefined : ctx.state.paymentMethods.get(pmId)
  if (pmId !== undefined && !pm)
    return { ok: false, saved: false, failure: resourceMissing('payment_method', pmId, 'PaymentMethod') }
  if (settings.defaultPaymentMethod && settings.defaultPaymentMethod !== pmId)
    return { ok: false, saved: false, failure: notAttached(settings.defaultPaymentMethod) }
  const token = str(form, 'source')
  const badToken = token === undefined ? undefined : unknownToken(token)
  if (badToken) return { ok: false, saved: false, failure: badToken }
  ctx.state.customers.add(customer)
  if (pm) {
    pm.customer = customer.id
    ctx.state.paymentMethodsByCustomer.add(customer.id, pm.id)
  }
  if (token !== undefined) addSource(ctx, customer, token, {})
  if (settings.defaultPaymentMethod !== undefined)
    customer.invoiceSettings.defaultPaymentMethod = settings.defaultPaymentMethod
  if (settings.footer !== undefined) customer.invoiceSettings.footer = settings.footer
  if (balance)
    applyBalance(
      ctx,
      customer,
      { amount: balance, type: 'initial', description: null, metadata: {} },
      input.nowMs,
    )
  recordEvent(ctx, input, 'customer.created', customerSnapshot(customer))
  return { ok: true, body: renderCustomer(customer) }
}

/** `invoice_settings[default_payment_method]` and `[footer]`; an empty string unsets. */
function invoiceSettings(form: FormObject): { defaultPaymentMethod?: string | null; footer?: string | null } {
  const value = form.invoice_settings
  if (value === undefined) return {}
  if (typeof value !== 'object') return fail(invalidParam('invoice_settings', 'Invalid object'))
  rejectUnknown(
    Object.fromEntries(Object.entries(value).map(([k, v]) => [`invoice_settings[${k}]`, v])),
    new Set(['invoice_settings[default_payment_method]', 'invoice_settings[footer]']),
  )
  const out: { defaultPaymentMethod?: string | null; footer?: string | null } = {}
  const pm = str(value, 'default_payment_method', 255)
  const footer = str(value, 'footer', 5000)
  if (pm !== undefined) out.defaultPaymentMethod = pm || null
  if (footer !== undefined) out.footer = footer || null
  return out
}

function fail(failure: StripeFailure): never {
  throw new ParamError(failure)
}

function notAttached(pm: string): StripeFailure {
  return invalidParam(
    'invoice_settings[default_payment_method]',
    `The customer does not have a payment method with the ID ${pm}. The payment method must be attached to the customer.`,
  )
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const customer = ctx.state.customers.get(input.params.id ?? '')
  if (!customer)
    return { ok: false, saved: false, failure: resourceMissing('id', input.params.id ?? '', 'customer') }
  return { ok: true, body: renderCustomer(customer) }
}

function update(ctx: PspContext, input: OpInput): OpResult {
  const found = liveCustomer(ctx, input.params.id ?? '', 'id')
  if (isFailure(found)) return found
  const customer = found
  const { form } = input
  rejectUnknown(form, updateParams)
  const email = str(form, 'email', 512)
  const name = str(form, 'name', 256)
  const description = str(form, 'description')
  const phone = str(form, 'phone', 20)
  const meta = metadata(form, customer.metadata)
  const balance = balanceAmount(form, 'balance')
  const settings = invoiceSettings(form)
  const defaultSource = str(form, 'default_source')
  const token = str(form, 'source')
  const books = ctx.state.customerBooks
  if (settings.defaultPaymentMethod) {
    const pm = ctx.state.paymentMethods.get(settings.defaultPaymentMethod)
    if (pm?.customer !== customer.id)
      return { ok: false, saved: false, failure: notAttached(settings.defaultPaymentMethod) }
  }
  if (defaultSource && !books.sources.of(customer.id, defaultSource))
    return { ok: false, saved: false, failure: resourceMissing('default_source', defaultSource, 'source') }
  if (token !== undefined) {
    // `source` on update adds the source and makes it the default, as Stripe does.
    const added = addSource(ctx, customer, token, {})
    if ('failure' in added) return { ok: false, saved: false, failure: added.failure }
    customer.defaultSource = added.source.id
  }
  if (email !== undefined) customer.email = email || null
  if (name !== undefined) customer.name = name || null
  if (description !== undefined) customer.description = description || null
  if (phone !== undefined) customer.phone = phone || null
  if (meta !== undefined) customer.metadata = meta
  if (defaultSource !== undefined) customer.defaultSource = defaultSource || null
  if (settings.defaultPaymentMethod !== undefined)
    customer.invoiceSettings = {
      ...customer.invoiceSettings,
      defaultPaymentMethod: settings.defaultPaymentMethod,
    }
  if (settings.footer !== undefined)
    customer.invoiceSettings = { ...customer.invoiceSettings, footer: settings.footer }
  if (balance !== undefined && balance !== customer.balance)
    applyBalance(
      ctx,
      customer,
      { amount: balance - customer.balance, type: 'adjustment', description: null, metadata: {} },
      input.nowMs,
    )
  recordEvent(ctx, input, 'customer.updated', customerSnapshot(customer))
  return { ok: true, body: renderCustomer(customer) }
}

/**
 * Deletes for good: the stub stays retrievable (`{ id, object, deleted: true }`), lists and
 * search skip it, and every other operation on it answers 404. Its sources and attached
 * PaymentMethods go with it, as Stripe removes a deleted customer's card details.
 */
function remove(ctx: PspContext, input: OpInput): OpResult {
  const found = liveCustomer(ctx, input.params.id ?? '', 'id')
  if (isFailure(found)) return found
  rejectUnknown(input.form, new Set())
  const snapshot = customerSnapshot(found)
  found.deleted = true
  for (const pmId of ctx.state.paymentMethodsByCustomer.get(found.id)) {
    const pm = ctx.state.paymentMethods.get(pmId)
    if (pm?.customer === found.id) pm.customer = null
  }
  const sources = ctx.state.customerBooks.sources
  for (const id of [...sources.ids(found.id)]) sources.delete(id)
  found.defaultSource = null
  recordEvent(ctx, input, 'customer.deleted', snapshot)
  return { ok: true, body: { id: found.id, object: 'customer', deleted: true } }
}

function list(ctx: PspContext, input: OpInput): OpResult {
  const get = (id: string): CustomerRecord | undefined => ctx.state.customers.get(id)
  const created = createdFilter(input.form)
  const email = equalsFilter(input.form, 'email')
  const keep = allOf<CustomerRecord>(
    (c) => !c.deleted,
    created && ((c) => created(c.created)),
    email && ((c) => email(c.email)),
  )
  return listPage(
    input,
    '/v1/customers',
    ctx.state.customers.order,
    (id) => {
      const customer = get(id)
      return customer && !customer.deleted ? renderCustomer(customer) : undefined
    },
    new Set(['created', 'email']),
    byId(get, keep),
  )
}

/**
 * `GET /v1/customers/{id}/payment_methods` (`stripe.customers.listPaymentMethods`): the PaymentMethods
 * attached to the customer, newest first, paginated like every list; `type` filters (all are cards).
 */
function listPaymentMethods(ctx: PspContext, input: OpInput): OpResult {
  const id = input.params.id ?? ''
  const customer = liveCustomer(ctx, id)
  if (isFailure(customer)) return customer
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
    (pmId) => ctx.state.paymentMethods.get(pmId)?.customer === id,
  )
}

/** The Customers endpoints, with their balance transactions, tax ids, cash balance and sources. */
export const customerEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/customers', answers: { object: 'customer' }, run: create },
  { method: 'GET', path: '/v1/customers', answers: { object: 'customer', list: true }, run: list },
  { method: 'GET', path: '/v1/customers/:id', answers: { object: 'customer' }, run: retrieve },
  { method: 'POST', path: '/v1/customers/:id', answers: { object: 'customer' }, run: update },
  { method: 'DELETE', path: '/v1/customers/:id', answers: { object: 'customer' }, run: remove },
  {
    method: 'GET',
    path: '/v1/customers/:id/payment_methods',
    answers: { object: 'payment_method', list: true },
    run: listPaymentMethods,
  },
  ...customerBalanceEndpoints,
  ...customerTaxIdEndpoints,
  ...customerCashEndpoints,
  ...customerSourceEndpoints,
]
