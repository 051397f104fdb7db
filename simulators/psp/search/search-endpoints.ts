import { stripeErrorTypes } from '../../error-codes.js'
import { int, rejectUnknown, requiredParam, str } from '../wire/form-params.js'
import type { PspContext } from '../psp-context.js'
import { renderCharge, renderCustomer, renderIntent } from '../render-objects.js'
import { chargeSearch, customerSearch, intentSearch, matcher, type SearchTable } from './search-fields.js'
import { checkQuery, parseQuery } from './search-query.js'
import type { StripeFailure } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

const params = new Set(['query', 'limit', 'page'])

/** What one search walks: the ids newest last, how to read and render a record. */
interface Searched<T> {
  url: string
  ids: readonly string[]
  get: (id: string) => T | undefined
  table: SearchTable<T>
  render: (record: T) => Record<string, unknown>
  /** Records a search never shows (deleted customers). */
  hidden?: (record: T) => boolean
}

/**
 * One page of a search, newest first: `{ object: 'search_result', url, has_more, data, next_page }`
 * and `total_count` when `expand[]=total_count` asks for it. Unlike Stripe's index (which lags
 * up to a minute), the simulator searches what is stored now. It walks newest first and stops
 * once the page is full and one more match proves `has_more`; `total_count` walks everything.
 */
function searchPage<T>(input: OpInput, s: Searched<T>): OpResult {
  rejectUnknown(input.form, params)
  const text = requiredParam(input.form, 'query')
  const limit = int(input.form, 'limit', 1, 100) ?? 10
  const page = str(input.form, 'page')
  const parsed = parseQuery(text)
  const problem = 'message' in parsed ? parsed : checkQuery(parsed, s.table)
  if (problem) return { ok: false, saved: false, failure: badQuery('query', problem.message) }
  if ('message' in parsed) return { ok: false, saved: false, failure: badQuery('query', parsed.message) }
  let start = s.ids.length - 1
  if (page !== undefined) {
    const at = cursorIndex(page, s.ids)
    if (at === undefined)
      return { ok: false, saved: false, failure: badQuery('page', `Invalid page: ${page}`) }
    start = at - 1
  }
  const test = matcher(parsed, s.table)
  const keep = (record: T): boolean => !s.hidden?.(record) && test(record)
  const counting = input.expand.has('total_count')
  const data: Array<Record<string, unknown>> = []
  let last = -1
  let hasMore = false
  let before = 0
  if (counting)
    for (let i = s.ids.length - 1; i > start; i--) {
      const record = s.get(s.ids[i] as string)
      if (record !== undefined && keep(record)) before++
    }
  let total = before
  for (let i = start; i >= 0; i--) {
    const record = s.get(s.ids[i] as string)
    if (record === undefined || !keep(record)) continue
    if (data.length === limit) {
      hasMore = true
      if (!counting) break
      total++
      continue
    }
    data.push(s.render(record))
    last = i
    total++
  }
  return {
    ok: true,
    body: {
      object: 'search_result',
      url: s.url,
      has_more: hasMore,
      data,
      next_page: hasMore ? cursorOf(last, s.ids[last] as string) : null,
      ...(counting ? { total_count: total } : {}),
    },
  }
}

/** `next_page` is opaque to clients: the position and id of the page's last match. */
function cursorOf(index: number, id: string): string {
  return Buffer.from(`${index}:${id}`).toString('base64url')
}

function cursorIndex(page: string, ids: readonly string[]): number | undefined {
  const [index, id] = Buffer.from(page, 'base64url').toString().split(':')
  const at = Number(index)
  if (!Number.isInteger(at) || at < 0 || id === undefined) return undefined
  // The array only grows, so the position still holds; the id check refuses a forged cursor.
  return ids[at] === id ? at : undefined
}

function badQuery(param: string, message: string): StripeFailure {
  return { status: 400, error: { type: stripeErrorTypes.invalid_request_error.code, param, message } }
}

/** The search endpoints; exact paths, so the router matches them before `/{id}`. */
export const searchEndpoints: Endpoint[] = [
  {
    method: 'GET',
    path: '/v1/payment_intents/search',
    answers: { object: 'payment_intent', list: true, search: true },
    run: (ctx: PspContext, input) =>
      searchPage(input, {
        url: '/v1/payment_intents/search',
        ids: ctx.state.intents.order,
        get: (id) => ctx.state.intents.get(id),
        table: intentSearch,
        render: (pi) => renderIntent(pi, ctx.state, input.expand),
      }),
  },
  {
    method: 'GET',
    path: '/v1/customers/search',
    answers: { object: 'customer', list: true, search: true },
    run: (ctx, input) =>
      searchPage(input, {
        url: '/v1/customers/search',
        ids: ctx.state.customers.order,
        get: (id) => ctx.state.customers.get(id),
        table: customerSearch,
        render: renderCustomer,
        hidden: (c) => c.deleted,
      }),
  },
  {
    method: 'GET',
    path: '/v1/charges/search',
    answers: { object: 'charge', list: true, search: true },
    run: (ctx, input) =>
      searchPage(input, {
        url: '/v1/charges/search',
        ids: ctx.state.charges.order,
        get: (id) => ctx.state.charges.get(id),
        table: chargeSearch,
        render: (ch) => renderCharge(ch, ctx.state, input.expand),
      }),
  },
]
