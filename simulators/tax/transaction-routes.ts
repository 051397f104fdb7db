import { json } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { avataxErrors } from '../error-codes.js'
import { avataxError } from './avatax-error.js'
import { adjustmentReasons, voidReasonCodes } from './avatax-enums.js'
import { buildTransaction } from './build-transaction.js'
import { findTransaction } from './find-transaction.js'
import { includeAll, parseInclude } from './include-options.js'
import { invalid, required } from './model-fault.js'
import { renderTransaction } from './render-transaction.js'
import { taxRoute, type TaxCall, type TaxContext } from './tax-endpoint.js'
import type { TaxTransaction } from './tax-records.js'
import { adjustTransaction, lockedError, modelError, saveDraft } from './transaction-writes.js'

const include = (call: TaxCall) => parseInclude(call.query.get('$include'), includeAll)

/** Reads an enum field of a body: its name, or the fault (missing, or not one of the names). */
function enumField(
  body: Record<string, unknown>,
  field: string,
  parse: (value: unknown) => string | undefined,
  names: readonly string[],
): { ok: true; value: string } | { ok: false; response: Response } {
  const value = body[field]
  if (value === undefined || value === null) return { ok: false, response: modelError(required(field)) }
  const name = parse(value)
  return name === undefined
    ? { ok: false, response: modelError(invalid(field, `one of ${names.join(', ')}`)) }
    : { ok: true, value: name }
}

/** Moves a saved document to a status, recording the change; the same status again changes nothing. */
function setStatus(
  ctx: TaxContext,
  t: TaxTransaction,
  status: TaxTransaction['status'],
  entry: 'commit' | 'uncommit' | 'void',
): void {
  if (t.status === status) return
  t.status = status
  t.modifiedDate = new Date(ctx.now()).toISOString()
  ctx.state.record(entry, t, ctx.now())
}

/**
 * AvaTax REST v2 transactions: create (a quote for orders, saved for invoices), createoradjust,
 * retrieve, commit, uncommit, void, adjust. Bodies are AvaTax JSON with decimal amounts.
 */
export function transactionRoutes(ctx: TaxContext): Route[] {
  const path = '/api/v2/companies/:companyCode/transactions/:code'
  return [
    taxRoute(ctx, 'POST', '/api/v2/transactions/create', (call) => {
      const built = buildTransaction(call.body, ctx.now())
      return built.ok ? saveDraft(ctx, built.draft, include(call)) : modelError(built)
    }),
    taxRoute(ctx, 'POST', '/api/v2/transactions/createoradjust', (call) => {
      const model = call.body.createTransactionModel
      if (model === undefined || model === null) return modelError(required('createTransactionModel'))
      let reason = 'Other'
      if (call.body.adjustmentReason !== undefined && call.body.adjustmentReason !== null) {
        const parsed = enumField(
          call.body,
          'adjustmentReason',
          adjustmentReasons.parse,
          adjustmentReasons.names,
        )
        if (!parsed.ok) return parsed.response
        reason = parsed.value
      }
      const built = buildTransaction(model, ctx.now())
      if (!built.ok)
        return modelError({
          ...built,
          field: built.field === 'model' ? 'createTransactionModel' : built.field,
        })
      return saveDraft(ctx, built.draft, include(call), { reason })
    }),
    taxRoute(ctx, 'GET', path, (call) => {
      const found = findTransaction(ctx, call.params, call.query)
      return found.ok ? json(200, renderTransaction(found.transaction, include(call))) : found.response
    }),
    taxRoute(ctx, 'POST', `${path}/commit`, (call) => {
      const found = findTransaction(ctx, call.params, call.query)
      if (!found.ok) return found.response
      const commit = call.body.commit
      if (commit === undefined || commit === null) return modelError(required('commit'))
      if (typeof commit !== 'boolean') return modelError(invalid('commit', 'true or false'))
      const t = found.transaction
      if (t.status === 'Cancelled') return lockedError(t)
      setStatus(ctx, t, commit ? 'Committed' : 'Saved', commit ? 'commit' : 'uncommit')
      return json(200, renderTransaction(t, include(call)))
    }),
    taxRoute(
      ctx,
      'POST',
      `${path}/uncommit`,
      (call) => {
        const found = findTransaction(ctx, call.params, call.query)
        if (!found.ok) return found.response
        if (found.transaction.status === 'Cancelled') return lockedError(found.transaction)
        setStatus(ctx, found.transaction, 'Saved', 'uncommit')
        return json(200, renderTransaction(found.transaction, include(call)))
      },
      false,
    ),
    taxRoute(ctx, 'POST', `${path}/void`, (call) => {
      const found = findTransaction(ctx, call.params, call.query)
      if (!found.ok) return found.response
      const reason = enumField(call.body, 'code', voidReasonCodes.parse, voidReasonCodes.names)
      if (!reason.ok) return reason.response
      const t = found.transaction
      if (t.status === 'Cancelled')
        return avataxError(avataxErrors.TransactionAlreadyCancelled, {
          message: 'The transaction has already been cancelled.',
          description: `The transaction '${t.code}' is already in a 'Cancelled' status. There is nothing to be done.`,
        })
      setStatus(ctx, t, 'Cancelled', 'void')
      return json(200, renderTransaction(t, include(call)))
    }),
    taxRoute(ctx, 'POST', `${path}/adjust`, (call) => {
      const found = findTransaction(ctx, call.params, call.query)
      if (!found.ok) return found.response
      const reason = enumField(
        call.body,
        'adjustmentReason',
        adjustmentReasons.parse,
        adjustmentReasons.names,
      )
      if (!reason.ok) return reason.response
      const model = call.body.newTransaction
      if (model === undefined || model === null) return modelError(required('newTransaction'))
      return adjustTransaction(ctx, found.transaction, model, reason.value, include(call))
    }),
  ]
}
