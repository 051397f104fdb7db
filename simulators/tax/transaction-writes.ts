import { json } from '../core/json-response.js'
import { avataxErrors } from '../error-codes.js'
import { avataxError } from './avatax-error.js'
import { buildTransaction, type TransactionDraft } from './build-transaction.js'
import type { IncludeOptions } from './include-options.js'
import type { ModelFault } from './model-fault.js'
import { renderTransaction } from './render-transaction.js'
import type { TaxContext } from './tax-endpoint.js'
import type { TaxTransaction } from './tax-records.js'

/** The AvaTax error for a refused model: its code, naming the field in `refersTo`. */
export const modelError = (fault: ModelFault): Response =>
  avataxError(avataxErrors[fault.code], { message: fault.message, refersTo: fault.field })

/** A voided document refuses every change. */
export const lockedError = (t: TaxTransaction): Response =>
  avataxError(avataxErrors.CannotModifyLockedTransaction, {
    message: 'Modifying a locked document is not allowed.',
    description: `Document '${t.code}' has status ${t.status} and cannot be changed.`,
  })

/** The code of a committed or voided document is taken, as AvaTax reserves it. */
export const codeTakenError = (t: TaxTransaction): Response =>
  avataxError(avataxErrors.DocumentCodeConflict, {
    message: `Document '${t.code}' of type ${t.type} for company '${t.companyCode}' is ${t.status}: its code cannot be reused.`,
    description:
      'A committed or voided transaction code is reserved. Adjust or void the committed document, or call CreateOrAdjustTransaction.',
    refersTo: 'code',
  })

/**
 * Saves a draft under its company, code and type: a new document, or (`create` on a `Saved` one)
 * a replacement that keeps the id and moves the version on. A committed or voided document with
 * the code is refused unless `adjust` is set (`createoradjust`), which adjusts it instead.
 */
export function saveDraft(
  ctx: TaxContext,
  draft: TransactionDraft,
  include: IncludeOptions,
  adjust?: { reason: string },
): Response {
  const code = draft.code ?? ctx.ids.nextCode()
  // Quotes are never saved; AvaTax answers them with id 0.
  if (draft.status === 'Temporary')
    return json(201, renderTransaction({ ...draft, id: 0, code, version: 1 }, include))
  const existing = ctx.state.get(draft.companyCode, code, draft.type)
  if (existing && adjust) return applyAdjustment(ctx, existing, draft, adjust.reason, include, 201)
  if (existing && existing.status !== 'Saved') return codeTakenError(existing)
  const t: TaxTransaction = existing
    ? { ...draft, code, id: existing.id, version: existing.version + 1 }
    : { ...draft, code, id: ctx.ids.nextId(), version: 1 }
  ctx.state.save(t)
  ctx.state.record(existing ? 'replace' : 'create', t, ctx.now())
  return json(201, renderTransaction(t, include))
}

/**
 * Adjusts a saved document to a new model (AdjustTransaction, or createoradjust on an existing
 * code): same id, company, code and type, the version moves on, `adjustmentReason` is set.
 */
export function adjustTransaction(
  ctx: TaxContext,
  existing: TaxTransaction,
  model: unknown,
  reason: string,
  include: IncludeOptions,
): Response {
  if (existing.status === 'Cancelled') return lockedError(existing)
  const built = buildTransaction(
    typeof model === 'object' && model !== null && !Array.isArray(model)
      ? { ...model, code: existing.code, companyCode: existing.companyCode, type: existing.type }
      : model,
    ctx.now(),
  )
  if (!built.ok) return modelError(built)
  return applyAdjustment(ctx, existing, built.draft, reason, include, 200)
}

function applyAdjustment(
  ctx: TaxContext,
  existing: TaxTransaction,
  draft: TransactionDraft,
  reason: string,
  include: IncludeOptions,
  status: number,
): Response {
  if (existing.status === 'Cancelled') return lockedError(existing)
  const t: TaxTransaction = {
    ...draft,
    code: existing.code,
    type: existing.type,
    id: existing.id,
    version: existing.version + 1,
    adjustmentReason: reason,
  }
  ctx.state.save(t)
  ctx.state.record('adjust', t, ctx.now())
  return json(status, renderTransaction(t, include))
}
