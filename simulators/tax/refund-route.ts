import { json } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { avataxErrors } from '../error-codes.js'
import { avataxError } from './avatax-error.js'
import { buildRefund } from './build-refund.js'
import { findTransaction } from './find-transaction.js'
import { includeAll, parseInclude } from './include-options.js'
import { renderTransaction } from './render-transaction.js'
import { taxRoute, type TaxContext } from './tax-endpoint.js'
import type { TaxTransaction } from './tax-records.js'
import { codeTakenError, modelError } from './transaction-writes.js'

/**
 * `POST /api/v2/companies/{companyCode}/transactions/{code}/refund`: refunds a committed
 * `SalesInvoice` with a new, committed `ReturnInvoice` (RefundTransaction). Its code is
 * `refundTransactionCode`, or a minted one; a committed return with that code is refused.
 */
export function refundRoute(ctx: TaxContext): Route {
  return taxRoute(ctx, 'POST', '/api/v2/companies/:companyCode/transactions/:code/refund', (call) => {
    const found = findTransaction(ctx, call.params, call.query)
    if (!found.ok) return found.response
    const original = found.transaction
    if (original.type !== 'SalesInvoice')
      return avataxError(avataxErrors.InvalidDocumentType, {
        message: `Document '${original.code}' type is '${original.type}', not expected 'SalesInvoice'.`,
        description: 'Only a SalesInvoice can be refunded.',
      })
    if (original.status !== 'Committed')
      return avataxError(avataxErrors.InvalidDocumentStatusForRefund, {
        message: 'Document is not in a status to process refund',
        description: `The document status is ${original.status}, we can only process refund on committed document.`,
      })
    const built = buildRefund(original, call.body, ctx.now())
    if (!built.ok) return modelError(built)
    const code = built.draft.code ?? ctx.ids.nextCode()
    const existing = ctx.state.get(original.companyCode, code, 'ReturnInvoice')
    if (existing && existing.status !== 'Saved') return codeTakenError(existing)
    const refund: TaxTransaction = {
      ...built.draft,
      code,
      id: existing?.id ?? ctx.ids.nextId(),
      version: (existing?.version ?? 0) + 1,
    }
    ctx.state.save(refund)
    ctx.state.record('refund', refund, ctx.now())
    return json(201, renderTransaction(refund, parseInclude(call.query.get('$include'), includeAll)))
  })
}
