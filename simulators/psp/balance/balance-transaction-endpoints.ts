import {
  findBalanceTransaction,
  newestFirst,
  renderBalanceTransaction,
  type BalanceTransaction,
} from './balance-transactions.js'
import { currency, int, oneOf, rejectUnknown, str } from '../wire/form-params.js'
import { createdFilter } from '../wire/list-filters.js'
import type { PspContext } from '../psp-context.js'
import { resourceMissing } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

const listParams = new Set([
  'limit',
  'starting_after',
  'ending_before',
  'type',
  'source',
  'payout',
  'created',
  'currency',
])

/** The `type` values Stripe's list takes; the simulator makes only charge, refund and adjustment. */
const transactionTypes = [
  'adjustment',
  'advance',
  'advance_funding',
  'anticipation_repayment',
  'application_fee',
  'application_fee_refund',
  'charge',
  'climate_order_purchase',
  'climate_order_refund',
  'connect_collection_transfer',
  'contribution',
  'issuing_authorization_hold',
  'issuing_authorization_release',
  'issuing_dispute',
  'issuing_transaction',
  'obligation_outbound',
  'obligation_reversal_inbound',
  'payment',
  'payment_failure_refund',
  'payment_network_reserve_hold',
  'payment_network_reserve_release',
  'payment_refund',
  'payment_reversal',
  'payment_unreconciled',
  'payout',
  'payout_cancel',
  'payout_failure',
  'payout_minimum_balance_hold',
  'payout_minimum_balance_release',
  'refund',
  'refund_failure',
  'reserve_transaction',
  'reserved_funds',
  'stripe_balance_payment_debit',
  'stripe_balance_payment_debit_reversal',
  'stripe_fee',
  'stripe_fx_fee',
  'tax_fee',
  'topup',
  'topup_reversal',
  'transfer',
  'transfer_cancel',
  'transfer_failure',
  'transfer_refund',
] as const

/**
 * `GET /v1/balance_transactions`: newest first, filtered by `type`, `source`, `currency`,
 * `created`; `payout` names a payout, and the simulator makes none (404, as for any unknown id).
 * Cursors walk the history from the newest, as `listPage` walks its ids.
 */
function list(ctx: PspContext, input: OpInput): OpResult {
  const { form } = input
  rejectUnknown(form, listParams)
  const limit = int(form, 'limit', 1, 100) ?? 10
  const after = str(form, 'starting_after')
  const before = str(form, 'ending_before')
  const type = oneOf(form, 'type', transactionTypes)
  const source = str(form, 'source')
  const cur = currency(form)
  const payout = str(form, 'payout')
  if (payout !== undefined)
    return { ok: false, saved: false, failure: resourceMissing('payout', payout, 'payout') }
  const inCreated = createdFilter(form) ?? ((): boolean => true)
  const wanted = (t: BalanceTransaction): boolean =>
    (type === undefined || t.type === type) &&
    (source === undefined || t.source === source) &&
    (cur === undefined || t.currency === cur) &&
    inCreated(t.created)
  const nowMs = ctx.now()
  const data: Array<Record<string, unknown>> = []
  let hasMore = false
  if (before !== undefined) {
    // Newer than the cursor: collect them all (newest first), keep the `limit` nearest the cursor.
    const newer: BalanceTransaction[] = []
    for (const t of newestFirst(ctx.state)) {
      if (t.id === before) break
      if (wanted(t)) newer.push(t)
    }
    hasMore = newer.length > limit
    for (const t of newer.slice(-limit)) data.push(renderBalanceTransaction(t, nowMs))
  } else {
    let started = after === undefined
    for (const t of newestFirst(ctx.state)) {
      if (!started) {
        started = t.id === after
        continue
      }
      if (!wanted(t)) continue
      if (data.length === limit) {
        hasMore = true
        break
      }
      data.push(renderBalanceTransaction(t, nowMs))
    }
  }
  return { ok: true, body: { object: 'list', data, has_more: hasMore, url: '/v1/balance_transactions' } }
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const id = input.params.id ?? ''
  const txn = findBalanceTransaction(ctx.state, id)
  if (!txn) return { ok: false, saved: false, failure: resourceMissing('id', id, 'balance transaction') }
  return { ok: true, body: renderBalanceTransaction(txn, ctx.now()) }
}

/**
 * `GET /v1/balance`: each currency's net of every balance transaction, split by whether its funds
 * are available yet (by the simulator's clock). It walks the whole history: fine for a read that
 * reports and tests make, not for a hot path.
 */
function balance(ctx: PspContext, input: OpInput): OpResult {
  rejectUnknown(input.form, new Set())
  const nowS = ctx.now() / 1000
  const available = new Map<string, number>()
  const pending = new Map<string, number>()
  for (const t of newestFirst(ctx.state)) {
    const into = nowS >= t.availableOn ? available : pending
    into.set(t.currency, (into.get(t.currency) ?? 0) + t.amount - t.fee)
    // Every currency with activity shows in both lists, as Stripe's do.
    const other = into === available ? pending : available
    if (!other.has(t.currency)) other.set(t.currency, 0)
  }
  const render = (m: Map<string, number>): Array<Record<string, unknown>> =>
    m.size === 0
      ? [{ amount: 0, currency: 'usd', source_types: { card: 0 } }]
      : [...m].map(([c, amount]) => ({ amount, currency: c, source_types: { card: amount } }))
  return {
    ok: true,
    body: { object: 'balance', available: render(available), livemode: false, pending: render(pending) },
  }
}

/** Balance transactions and the balance. */
export const balanceTransactionEndpoints: Endpoint[] = [
  {
    method: 'GET',
    path: '/v1/balance_transactions',
    answers: { object: 'balance_transaction', list: true },
    run: list,
  },
  {
    method: 'GET',
    path: '/v1/balance_transactions/:id',
    answers: { object: 'balance_transaction' },
    run: retrieve,
  },
  { method: 'GET', path: '/v1/balance', answers: { object: 'balance' }, run: balance },
]
