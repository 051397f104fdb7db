import { avataxErrors } from '../error-codes.js'
import { avataxError } from './avatax-error.js'
import { documentTypes } from './avatax-enums.js'
import type { TaxContext } from './tax-endpoint.js'
import type { DocumentType, TaxTransaction } from './tax-records.js'

/** The transaction a path names, or the AvaTax error to answer. */
export type Lookup = { ok: true; transaction: TaxTransaction } | { ok: false; response: Response }

/**
 * Finds the document a `/companies/{companyCode}/transactions/{code}` path names. AvaTax keys
 * documents by company, code and type: `documentType` (a name or number) picks the type; without
 * it the `SalesInvoice` is meant, or else the one saved document with that code (a `ReturnInvoice`).
 */
export function findTransaction(
  ctx: TaxContext,
  params: Record<string, string>,
  query: URLSearchParams,
): Lookup {
  const companyCode = params.companyCode ?? ''
  const code = params.code ?? ''
  const asked = query.get('documentType')
  let transaction: TaxTransaction | undefined
  if (asked !== null && asked !== '') {
    const type = documentTypes.parse(asked)
    if (type === undefined)
      return {
        ok: false,
        response: avataxError(avataxErrors.ModelStateInvalid, {
          message: `documentType '${asked}' is not a DocumentType.`,
          refersTo: 'documentType',
        }),
      }
    transaction = ctx.state.get(companyCode, code, type as DocumentType)
  } else
    transaction =
      ctx.state.get(companyCode, code, 'SalesInvoice') ?? ctx.state.get(companyCode, code, 'ReturnInvoice')
  if (transaction) return { ok: true, transaction }
  return {
    ok: false,
    response: avataxError(avataxErrors.EntityNotFoundError, {
      message: 'Document not found.',
      description: `The document with code '${code}' for company '${companyCode}'${asked ? ` and type '${asked}'` : ''} could not be found.`,
    }),
  }
}
