import { json } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { avataxErrors } from '../error-codes.js'
import { avataxError } from './avatax-error.js'
import { includeNone, parseInclude } from './include-options.js'
import { renderTransaction } from './render-transaction.js'
import { taxRoute, type TaxContext } from './tax-endpoint.js'
import type { TaxTransaction } from './tax-records.js'
import { parseFilter } from './transaction-filter.js'

/** AvaTax answers at most this many records a page. */
const maxTop = 1000
/** Without a `date` clause, AvaTax looks at the last 30 days only. */
const defaultWindowDays = 30

const sortable: Record<string, (t: TaxTransaction) => string | number> = {
  id: (t) => t.id,
  code: (t) => t.code,
  date: (t) => t.date,
  status: (t) => t.status,
  type: (t) => t.type,
  customercode: (t) => t.customerCode,
  totalamount: (t) => t.totalAmountMinor,
  totaltax: (t) => t.totalTaxMinor,
  modifieddate: (t) => t.modifiedDate,
}

function readCount(value: string | null, name: string): number | Response {
  if (value === null || value === '') return 0
  if (!/^\d{1,9}$/.test(value))
    return avataxError(avataxErrors.ModelStateInvalid, {
      message: `${name} must be a non-negative integer (got '${value}').`,
      refersTo: name,
    })
  return Number(value)
}

type Order = Array<{ key: (t: TaxTransaction) => string | number; desc: boolean }>

function readOrder(value: string | null): Order | Response {
  const order: Order = []
  for (const part of (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [field = '', direction = 'asc', extra] = part.split(/\s+/)
    const key = sortable[field.toLowerCase()]
    if (!key || extra !== undefined || !/^(asc|desc)$/i.test(direction))
      return avataxError(avataxErrors.ModelStateInvalid, {
        message: `$orderBy '${part}' is not '(field) [ASC|DESC]' of ${Object.keys(sortable).join(', ')}.`,
        refersTo: '$orderBy',
      })
    order.push({ key, desc: direction.toLowerCase() === 'desc' })
  }
  return order
}

/**
 * `GET /api/v2/companies/{companyCode}/transactions`: the company's saved documents, filtered
 * (`$filter`, a common subset), ordered (`$orderBy`, else in order of creation) and paged (`$top`
 * at most 1,000, `$skip`) as AvaTax's FetchResult: `{ '@recordsetCount', value, '@nextLink'? }`.
 * Records carry the header only unless `$include` asks for more.
 */
export function listRoute(ctx: TaxContext): Route {
  return taxRoute(ctx, 'GET', '/api/v2/companies/:companyCode/transactions', (call) => {
    const company = (call.params.companyCode ?? '').toUpperCase()
    const filterText = call.query.get('$filter') ?? ''
    const filter = parseFilter(filterText)
    if (!filter.ok)
      return avataxError(avataxErrors.ModelStateInvalid, { message: filter.message, refersTo: '$filter' })
    const top = readCount(call.query.get('$top'), '$top')
    if (top instanceof Response) return top
    const skip = readCount(call.query.get('$skip'), '$skip')
    if (skip instanceof Response) return skip
    const order = readOrder(call.query.get('$orderBy') ?? call.query.get('$orderby'))
    if (order instanceof Response) return order
    const since = filter.fields.has('date')
      ? ''
      : new Date(ctx.now() - defaultWindowDays * 86_400_000).toISOString().slice(0, 10)
    const matched: TaxTransaction[] = []
    for (const t of ctx.state.transactions.values())
      if (t.companyCode.toUpperCase() === company && t.date >= since && filter.test(t)) matched.push(t)
    for (const { key, desc } of [...order].reverse())
      matched.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (desc ? -1 : 1))
    const size = Math.min(top === 0 ? maxTop : top, maxTop)
    const page = matched.slice(skip, skip + size)
    const include = parseInclude(call.query.get('$include'), includeNone)
    const body: Record<string, unknown> = {
      '@recordsetCount': matched.length,
      value: page.map((t) => renderTransaction(t, include)),
    }
    if (skip + page.length < matched.length) {
      const next = new URLSearchParams(call.query)
      next.set('$top', String(size))
      next.set('$skip', String(skip + page.length))
      body['@nextLink'] =
        `/api/v2/companies/${encodeURIComponent(call.params.companyCode ?? '')}/transactions?${next.toString()}`
    }
    return json(200, body)
  })
}
