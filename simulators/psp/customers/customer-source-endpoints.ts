import { stripeErrors, stripeErrorTypes } from '../../error-codes.js'
import type { SourceRecord } from './customer-books.js'
import { isFailure, liveCustomer } from './customer-lookup.js'
import { renderSource } from './customer-renders.js'
import { formArray } from '../wire/form-body.js'
import { int, metadata, missing, oneOf, rejectUnknown, requiredParam, str } from '../wire/form-params.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import type { CustomerRecord } from '../psp-records.js'
import { invalidParam, resourceMissing, type StripeFailure } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'
import { testPaymentMethods } from '../payment-methods/test-payment-methods.js'

/** Brand names as card sources spell them (PaymentMethods use lower case). */
const brandNames: Readonly<Record<string, string>> = {
  visa: 'Visa',
  mastercard: 'MasterCard',
  amex: 'American Express',
}

/** Test bank account tokens (docs.stripe.com/testing): the status the account starts in. */
const bankTokens: ReadonlyMap<string, 'new' | 'verified'> = new Map([
  ['btok_us', 'new'],
  ['btok_us_verified', 'verified'],
])

/** The micro-deposit amounts that verify a test bank account (docs.stripe.com/api/customer_bank_accounts/verify). */
const testDeposits = [32, 45] as const

/** `tok_visa` → `pm_card_visa`: card tokens share the test PaymentMethods' cards. */
const cardOfToken = (token: string): string => token.replace(/^tok_/, 'pm_card_')

/** The 404 for a token the simulator does not know, or undefined when it knows it. */
export function unknownToken(token: string): StripeFailure | undefined {
  if (bankTokens.has(token) || (token.startsWith('tok_') && testPaymentMethods.has(cardOfToken(token))))
    return undefined
  return resourceMissing('source', token, 'token')
}

/**
 * Adds a card or bank account source made from a test token to a customer; the first one
 * becomes the default source.
 */
export function addSource(
  ctx: PspContext,
  customer: CustomerRecord,
  token: string,
  meta: Record<string, string>,
): { source: SourceRecord } | { failure: StripeFailure } {
  const failure = unknownToken(token)
  if (failure) return { failure }
  const bank = bankTokens.get(token)
  const card = testPaymentMethods.get(cardOfToken(token))
  const source: SourceRecord =
    bank !== undefined
      ? {
          object: 'bank_account',
          id: ctx.ids.next('ba', 14),
          customer: customer.id,
          last4: '6789',
          routingNumber: '110000000',
          accountHolderName: customer.name,
          accountHolderType: 'individual',
          status: bank,
          metadata: meta,
        }
      : {
          object: 'card',
          id: ctx.ids.next('card', 14),
          customer: customer.id,
          brand: brandNames[card?.brand ?? 'visa'] ?? 'Visa',
          last4: card?.last4 ?? '4242',
          expMonth: 12,
          expYear: 2034,
          funding: token.includes('debit') ? 'debit' : 'credit',
          name: null,
          metadata: meta,
        }
  ctx.state.customerBooks.sources.add(source)
  customer.defaultSource ??= source.id
  return { source }
}

function create(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  rejectUnknown(input.form, new Set(['source', 'metadata', 'validate']))
  const token = requiredParam(input.form, 'source')
  const added = addSource(ctx, customer, token, metadata(input.form) ?? {})
  if ('failure' in added) return { ok: false, saved: false, failure: added.failure }
  return { ok: true, body: renderSource(added.source) }
}

function find(ctx: PspContext, input: OpInput): SourceRecord | OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  const id = input.params.source ?? ''
  const source = ctx.state.customerBooks.sources.of(customer.id, id)
  return source ?? { ok: false, saved: false, failure: resourceMissing('id', id, 'source') }
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const source = find(ctx, input)
  return isFailure(source) ? source : { ok: true, body: renderSource(source) }
}

const cardUpdate = new Set(['metadata', 'name', 'exp_month', 'exp_year'])
const bankUpdate = new Set(['metadata', 'account_holder_name', 'account_holder_type'])

/** Cards change their name and expiry; bank accounts their holder; both their metadata. */
function update(ctx: PspContext, input: OpInput): OpResult {
  const source = find(ctx, input)
  if (isFailure(source)) return source
  const { form } = input
  const meta = metadata(form, source.metadata)
  if (source.object === 'card') {
    rejectUnknown(form, cardUpdate)
    const name = str(form, 'name', 5000)
    const month = int(form, 'exp_month', 1, 12)
    const year = int(form, 'exp_year', 0, 9999)
    if (year !== undefined && year < new Date(input.nowMs).getUTCFullYear())
      return {
        ok: false,
        saved: false,
        failure: invalidParam(
          'exp_year',
          "Your card's expiration year is invalid.",
          stripeErrors.invalid_expiry_year,
        ),
      }
    if (name !== undefined) source.name = name || null
    if (month !== undefined) source.expMonth = month
    if (year !== undefined) source.expYear = year
  } else {
    rejectUnknown(form, bankUpdate)
    const holder = str(form, 'account_holder_name', 5000)
    const type = oneOf(form, 'account_holder_type', ['individual', 'company'] as const)
    if (holder !== undefined) source.accountHolderName = holder || null
    if (type !== undefined) source.accountHolderType = type
  }
  if (meta !== undefined) source.metadata = meta
  return { ok: true, body: renderSource(source) }
}

function remove(ctx: PspContext, input: OpInput): OpResult {
  const source = find(ctx, input)
  if (isFailure(source)) return source
  const books = ctx.state.customerBooks.sources
  books.delete(source.id)
  const customer = ctx.state.customers.get(source.customer)
  if (customer?.defaultSource === source.id) customer.defaultSource = books.ids(customer.id).at(-1) ?? null
  return {
    ok: true,
    body:
      source.object === 'bank_account'
        ? { id: source.id, object: 'bank_account', customer: source.customer, deleted: true }
        : { id: source.id, object: 'card', deleted: true },
  }
}

/** Micro-deposit verification: the test amounts are 32 and 45 cents, in either order. */
function verify(ctx: PspContext, input: OpInput): OpResult {
  const source = find(ctx, input)
  if (isFailure(source)) return source
  rejectUnknown(input.form, new Set(['amounts']))
  if (input.form.amounts === undefined) return missing('amounts')
  const raw = formArray(input.form.amounts)
  if (!raw || raw.length !== 2 || raw.some((a) => !/^\d{1,3}$/.test(a)))
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'amounts',
        'Two positive integers, in cents, equal to the values of the microdeposits sent to the bank account.',
        stripeErrors.parameter_invalid_array,
      ),
    }
  if (source.object !== 'bank_account')
    return {
      ok: false,
      saved: false,
      failure: plain(`Only bank accounts can be verified; ${source.id} is a card.`),
    }
  if (source.status === 'verified')
    return { ok: false, saved: true, failure: plain('This bank account has already been verified.') }
  const sorted = raw.map(Number).sort((a, b) => a - b)
  if (sorted[0] !== testDeposits[0] || sorted[1] !== testDeposits[1])
    return {
      ok: false,
      saved: true,
      failure: invalidParam(
        'amounts',
        'The amounts provided do not match the amounts that were sent to the bank account.',
        stripeErrors.bank_account_verification_failed,
      ),
    }
  source.status = 'verified'
  return { ok: true, body: renderSource(source) }
}

function plain(message: string): StripeFailure {
  return { status: 400, error: { type: stripeErrorTypes.invalid_request_error.code, message } }
}

function list(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  const object = oneOf(input.form, 'object', ['card', 'bank_account'] as const)
  const books = ctx.state.customerBooks.sources
  return listPage(
    input,
    `/v1/customers/${customer.id}/sources`,
    books.ids(customer.id),
    (id) => {
      const source = books.byId.get(id)
      return source ? renderSource(source) : undefined
    },
    new Set(['object']),
    object === undefined ? undefined : (id) => books.byId.get(id)?.object === object,
  )
}

const answers = { object: 'source' } as const

/** `/v1/customers/{id}/sources`: legacy cards and bank accounts made from test tokens. */
export const customerSourceEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/customers/:id/sources', answers, run: create },
  { method: 'GET', path: '/v1/customers/:id/sources', answers: { ...answers, list: true }, run: list },
  { method: 'GET', path: '/v1/customers/:id/sources/:source', answers, run: retrieve },
  { method: 'POST', path: '/v1/customers/:id/sources/:source', answers, run: update },
  { method: 'DELETE', path: '/v1/customers/:id/sources/:source', answers, run: remove },
  { method: 'POST', path: '/v1/customers/:id/sources/:source/verify', answers, run: verify },
]
