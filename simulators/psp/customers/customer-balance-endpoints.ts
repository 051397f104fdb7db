import { stripeErrors } from '../../error-codes.js'
import type { BalanceTransactionRecord } from './customer-books.js'
import { isFailure, liveCustomer } from './customer-lookup.js'
import { renderBalanceTransaction } from './customer-renders.js'
import { currency, int, metadata, missing, rejectUnknown, str } from '../wire/form-params.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import type { CustomerRecord } from '../psp-records.js'
import { invalidParam, resourceMissing } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

/** Stripe's account default currency, used when a customer has none yet. */
const defaultCurrency = 'usd'

/**
 * Moves a customer's balance and records the move as a balance transaction (`cbtxn_…`).
 * The first transaction fixes the customer's currency, as in Stripe.
 */
export function applyBalance(
  ctx: PspContext,
  customer: CustomerRecord,
  move: Pick<BalanceTransactionRecord, 'amount' | 'type' | 'description' | 'metadata'> & {
    currency?: string
  },
  nowMs: number,
): BalanceTransactionRecord {
  customer.currency ??= move.currency ?? defaultCurrency
  customer.balance += move.amount
  return ctx.state.customerBooks.balanceTransactions.add({
    id: ctx.ids.next('cbtxn', 14),
    customer: customer.id,
    amount: move.amount,
    currency: customer.currency,
    description: move.description,
    metadata: move.metadata,
    created: Math.floor(nowMs / 1000),
    endingBalance: customer.balance,
    type: move.type,
  })
}

/** Balance amounts: any non-zero integer; negative credits the customer. */
export const balanceAmount = (form: OpInput['form'], key: string): number | undefined =>
  int(form, key, -99_999_999, 99_999_999)

function create(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  rejectUnknown(input.form, new Set(['amount', 'currency', 'description', 'metadata']))
  const amount = balanceAmount(input.form, 'amount') ?? missing('amount')
  const cur = currency(input.form) ?? missing('currency')
  if (amount === 0)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'amount',
        'Amount must be a non-zero integer.',
        stripeErrors.parameter_invalid_integer,
      ),
    }
  if (customer.currency !== null && customer.currency !== cur)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'currency',
        `The currency of a balance transaction must match the customer's currency (${customer.currency}); got ${cur}.`,
      ),
    }
  const txn = applyBalance(
    ctx,
    customer,
    {
      amount,
      currency: cur,
      type: 'adjustment',
      description: str(input.form, 'description', 350) ?? null,
      metadata: metadata(input.form) ?? {},
    },
    input.nowMs,
  )
  return { ok: true, body: renderBalanceTransaction(txn) }
}

function find(ctx: PspContext, input: OpInput): BalanceTransactionRecord | OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  const id = input.params.txn ?? ''
  const txn = ctx.state.customerBooks.balanceTransactions.of(customer.id, id)
  return (
    txn ?? { ok: false, saved: false, failure: resourceMissing('id', id, 'customer balance transaction') }
  )
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const txn = find(ctx, input)
  return isFailure(txn) ? txn : { ok: true, body: renderBalanceTransaction(txn) }
}

/** Only `description` and `metadata` change: the amount is history. */
function update(ctx: PspContext, input: OpInput): OpResult {
  const txn = find(ctx, input)
  if (isFailure(txn)) return txn
  rejectUnknown(input.form, new Set(['description', 'metadata']))
  const description = str(input.form, 'description', 350)
  const meta = metadata(input.form, txn.metadata)
  if (description !== undefined) txn.description = description || null
  if (meta !== undefined) txn.metadata = meta
  return { ok: true, body: renderBalanceTransaction(txn) }
}

function list(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  const books = ctx.state.customerBooks.balanceTransactions
  return listPage(
    input,
    `/v1/customers/${customer.id}/balance_transactions`,
    books.ids(customer.id),
    (id) => {
      const txn = books.byId.get(id)
      return txn ? renderBalanceTransaction(txn) : undefined
    },
  )
}

const answers = { object: 'customer_balance_transaction' } as const

/** `/v1/customers/{id}/balance_transactions`: create, list, retrieve, update. */
export const customerBalanceEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/customers/:id/balance_transactions', answers, run: create },
  {
    method: 'GET',
    path: '/v1/customers/:id/balance_transactions',
    answers: { ...answers, list: true },
    run: list,
  },
  { method: 'GET', path: '/v1/customers/:id/balance_transactions/:txn', answers, run: retrieve },
  { method: 'POST', path: '/v1/customers/:id/balance_transactions/:txn', answers, run: update },
]
