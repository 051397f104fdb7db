import { avataxErrors } from '../error-codes.js'
import type { VendorIds } from '../core/vendor-ids.js'
import { internalHeaders } from '../core/internal-headers.js'
import { json, readJson } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { takeFaultDelay } from '../faults/fault-delay.js'
import { avataxError } from './avatax-error.js'
import { buildTransaction } from './build-transaction.js'
import { renderTransaction } from './render-transaction.js'
import type { TaxTransaction } from './tax-records.js'
import type { TaxState } from './tax-state.js'

/** What the transaction routes work with. */
export interface TaxContext {
  state: TaxState
  ids: VendorIds
  now: () => number
  requireAuth: boolean
}

const notFound = (companyCode: string, code: string): Response =>
  avataxError(
    avataxErrors.EntityNotFoundError,
    `Transaction '${code}' for company '${companyCode}' not found.`,
  )

const locked = (t: TaxTransaction): Response =>
  avataxError(
    avataxErrors.CannotModifyLockedTransaction,
    `Transaction '${t.code}' has status ${t.status} and cannot be changed.`,
  )

/** Creates, or (for `createoradjust`) adjusts a saved document with the same code. */
function create(ctx: TaxContext, model: unknown, orAdjust: boolean): Response {
  const built = buildTransaction(model, ctx.ids, ctx.now(), ctx.state.nextId)
  if (!built.ok) return avataxError(avataxErrors.ModelStateInvalid, built.message, built.field)
  const t = built.transaction
  if (t.status === 'Temporary') return json(201, renderTransaction(t))
  const key = ctx.state.key(t.companyCode, t.code)
  const existing = ctx.state.transactions.get(key)
  if (existing && !orAdjust)
    return avataxError(
      avataxErrors.DuplicateEntry,
      `A document with code '${t.code}' already exists for company '${t.companyCode}'.`,
      'code',
    )
  if (existing) return adjustWith(ctx, existing, model, 'Other')
  ctx.state.nextId += 1
  ctx.state.transactions.set(key, t)
  ctx.state.record('create', t, ctx.now())
  return json(201, renderTransaction(t))
}

function adjustWith(ctx: TaxContext, existing: TaxTransaction, model: unknown, reason: string): Response {
  if (existing.status === 'Cancelled') return locked(existing)
  const withCode =
    typeof model === 'object' && model !== null
      ? { ...model, code: existing.code, companyCode: existing.companyCode }
      : model
  const built = buildTransaction(withCode, ctx.ids, ctx.now(), existing.id, existing)
  if (!built.ok) return avataxError(avataxErrors.ModelStateInvalid, built.message, built.field)
  const t = { ...built.transaction, adjustmentReason: reason }
  ctx.state.transactions.set(ctx.state.key(t.companyCode, t.code), t)
  ctx.state.record('adjust', t, ctx.now())
  return json(201, renderTransaction(t))
}

/**
 * AvaTax REST v2 transactions: create (a quote for orders, saved for invoices), createoradjust,
 * retrieve, commit (and uncommit), void, adjust. Bodies are AvaTax JSON with decimal amounts.
 */
export function transactionRoutes(ctx: TaxContext): Route[] {
  const guard =
    (handler: (request: Request, params: Record<string, string>) => Promise<Response> | Response) =>
    async (request: Request, params: Record<string, string>): Promise<Response> => {
      if (ctx.requireAuth && !request.headers.get('authorization'))
        return avataxError(
          avataxErrors.AuthenticationException,
          'Authentication failed: no Authorization header',
        )
      await takeFaultDelay(request)
      const response = await handler(request, params)
      // Every successful POST did something (AvaTax has no replays), so it may be ambiguous.
      if (request.method === 'POST' && response.ok) response.headers.set(internalHeaders.operation, 'new')
      return response
    }
  const find = (params: Record<string, string>): TaxTransaction | undefined =>
    ctx.state.transactions.get(ctx.state.key(params.companyCode ?? '', params.code ?? ''))
  const path = '/api/v2/companies/:companyCode/transactions/:code'
  return [
    {
      method: 'GET',
      path: '/api/v2/utilities/ping',
      handle: (request) =>
        json(200, { version: '26.11.0-gameday', authenticated: request.headers.has('authorization') }),
    },
    {
      method: 'POST',
      path: '/api/v2/transactions/create',
      handle: guard(async (r) => create(ctx, await readJson(r), false)),
    },
    {
      method: 'POST',
      path: '/api/v2/transactions/createoradjust',
      handle: guard(async (r) => {
        const body = (await readJson(r)) as { createTransactionModel?: unknown } | undefined
        return create(ctx, body?.createTransactionModel, true)
      }),
    },
    {
      method: 'GET',
      path,
      handle: guard((_r, p) => {
        const t = find(p)
        return t ? json(200, renderTransaction(t)) : notFound(p.companyCode ?? '', p.code ?? '')
      }),
    },
    {
      method: 'POST',
      path: `${path}/commit`,
      handle: guard(async (r, p) => {
        const t = find(p)
        if (!t) return notFound(p.companyCode ?? '', p.code ?? '')
        const body = (await readJson(r)) as { commit?: unknown } | undefined
        if (typeof body?.commit !== 'boolean')
          return avataxError(avataxErrors.ModelStateInvalid, 'commit must be a boolean', 'commit')
        if (t.status === 'Cancelled') return locked(t)
        const status = body.commit ? 'Committed' : 'Saved'
        if (t.status !== status) {
          t.status = status
          t.modifiedDate = new Date(ctx.now()).toISOString()
          ctx.state.record('commit', t, ctx.now())
        }
        return json(200, renderTransaction(t))
      }),
    },
    {
      method: 'POST',
      path: `${path}/void`,
      handle: guard(async (r, p) => {
        const t = find(p)
        if (!t) return notFound(p.companyCode ?? '', p.code ?? '')
        const body = (await readJson(r)) as { code?: unknown } | undefined
        const codes = ['Unspecified', 'PostFailed', 'DocDeleted', 'DocVoided', 'AdjustmentCancelled']
        if (typeof body?.code !== 'string' || !codes.includes(body.code))
          return avataxError(
            avataxErrors.ModelStateInvalid,
            `code must be one of ${codes.join(', ')}`,
            'code',
          )
        // Voiding twice answers the voided document, so a retried void is harmless.
        if (t.status !== 'Cancelled') {
          t.status = 'Cancelled'
          t.modifiedDate = new Date(ctx.now()).toISOString()
          ctx.state.record('void', t, ctx.now())
        }
        return json(200, renderTransaction(t))
      }),
    },
    {
      method: 'POST',
      path: `${path}/adjust`,
      handle: guard(async (r, p) => {
        const t = find(p)
        if (!t) return notFound(p.companyCode ?? '', p.code ?? '')
        const body = (await readJson(r)) as
          { adjustmentReason?: unknown; newTransaction?: unknown } | undefined
        if (typeof body?.adjustmentReason !== 'string')
          return avataxError(
            avataxErrors.ModelStateInvalid,
            'adjustmentReason is required',
            'adjustmentReason',
          )
        return adjustWith(ctx, t, body.newTransaction, body.adjustmentReason)
      }),
    },
  ]
}
