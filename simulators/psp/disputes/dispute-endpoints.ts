import { stripeErrorTypes, stripeErrors } from '../../error-codes.js'
import {
  canMoveDispute,
  disputeSnapshot,
  evidenceFields,
  isClosed,
  moveFunds,
  renderDispute,
  type DisputeRecord,
  type DisputeStatus,
} from './disputes.js'
import type { FormObject } from '../wire/form-body.js'
import { ParamError, bool, metadata, rejectUnknown, str } from '../wire/form-params.js'
import { allOf, byId, createdFilter } from '../wire/list-filters.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import { recordEvent } from '../events/record-activity.js'
import { renderCharge, renderIntent } from '../render-objects.js'
import { invalidParam, resourceMissing, type StripeFailure } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'
import { within } from '../wire/expand-paths.js'

const evidenceKeys: ReadonlySet<string> = new Set(evidenceFields)

function findDispute(ctx: PspContext, id: string | undefined): DisputeRecord | OpResult {
  const dispute = id ? ctx.state.disputes.get(id) : undefined
  return dispute ?? { ok: false, saved: false, failure: resourceMissing('dispute', id ?? '', 'dispute') }
}

const isRecord = (value: DisputeRecord | OpResult): value is DisputeRecord => 'evidence' in value

function answer(ctx: PspContext, input: OpInput, dispute: DisputeRecord): Record<string, unknown> {
  const body = renderDispute(dispute, ctx.state)
  const charge = input.expand.has('charge') ? ctx.state.charges.get(dispute.charge) : undefined
  if (charge) body.charge = renderCharge(charge, ctx.state, within(input.expand, 'charge'))
  const pi = input.expand.has('payment_intent') ? ctx.state.intents.get(dispute.paymentIntent) : undefined
  if (pi) body.payment_intent = renderIntent(pi, ctx.state, within(input.expand, 'payment_intent'))
  return body
}

/** A closed dispute takes no more evidence and cannot be closed again (type-only, as Stripe's). */
function closedFailure(dispute: DisputeRecord, verb: string): StripeFailure {
  return {
    status: 400,
    error: {
      type: stripeErrorTypes.invalid_request_error.code,
      message: `This dispute is already closed (status ${dispute.status}): you cannot ${verb} it.`,
    },
  }
}

/** `evidence[…]`: the text (or file id) fields Stripe takes, each at most 20,000 characters here. */
function readEvidence(form: FormObject): Record<string, string> | undefined {
  const value = form.evidence
  if (value === undefined) return undefined
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ParamError(invalidParam('evidence', 'Invalid object: evidence must be a hash'))
  const out: Record<string, string> = {}
  let total = 0
  for (const key of Object.keys(value)) {
    if (!evidenceKeys.has(key))
      throw new ParamError(
        invalidParam(
          `evidence[${key}]`,
          `Received unknown parameter: evidence[${key}]`,
          stripeErrors.parameter_unknown,
        ),
      )
    const text = str(value as FormObject, key, 20_000) ?? ''
    total += text.length
    out[key] = text
  }
  if (total > 150_000)
    throw new ParamError(
      invalidParam('evidence', 'The combined character count of all evidence fields is limited to 150,000.'),
    )
  return out
}

function moveTo(ctx: PspContext, input: OpInput, dispute: DisputeRecord, to: DisputeStatus): void {
  if (!canMoveDispute(dispute.status, to)) return
  dispute.status = to
  if (to === 'won') moveFunds(ctx, input, dispute, 'reinstatement')
  if (to === 'needs_response') moveFunds(ctx, input, dispute, 'withdrawal')
  if (isClosed(dispute)) recordEvent(ctx, input, 'charge.dispute.closed', disputeSnapshot(dispute, ctx.state))
}

/**
 * `POST /v1/disputes/:id`: stages or submits evidence and sets metadata. Submitted evidence moves
 * the dispute to review, unless it holds one of Stripe's test strings (docs.stripe.com/testing#evidence):
 * `winning_evidence` wins it (an inquiry closes), `losing_evidence` loses it, and
 * `escalate_inquiry_evidence` turns an inquiry into a chargeback (funds withdrawn).
 */
function update(ctx: PspContext, input: OpInput): OpResult {
  const found = findDispute(ctx, input.params.id)
  if (!isRecord(found)) return found
  const dispute = found
  rejectUnknown(input.form, new Set(['evidence', 'metadata', 'submit']))
  const evidence = readEvidence(input.form)
  const meta = metadata(input.form, dispute.metadata)
  const submit = bool(input.form, 'submit') ?? true
  if (isClosed(dispute) && evidence !== undefined)
    return { ok: false, saved: true, failure: closedFailure(dispute, 'update the evidence of') }
  if (meta !== undefined) dispute.metadata = meta
  if (evidence !== undefined) {
    const merged = { ...dispute.evidence }
    for (const [key, text] of Object.entries(evidence)) {
      if (text === '') delete merged[key]
      else merged[key] = text
    }
    dispute.evidence = merged
  }
  const inquiry = dispute.status.startsWith('warning_')
  if (evidence !== undefined && submit) {
    dispute.submissionCount += 1
    const said = new Set(Object.values(dispute.evidence))
    if (said.has('winning_evidence')) moveTo(ctx, input, dispute, inquiry ? 'warning_closed' : 'won')
    else if (said.has('losing_evidence')) moveTo(ctx, input, dispute, inquiry ? 'warning_closed' : 'lost')
    else if (inquiry && said.has('escalate_inquiry_evidence')) moveTo(ctx, input, dispute, 'needs_response')
    else moveTo(ctx, input, dispute, inquiry ? 'warning_under_review' : 'under_review')
  }
  recordEvent(ctx, input, 'charge.dispute.updated', disputeSnapshot(dispute, ctx.state))
  return { ok: true, body: answer(ctx, input, dispute) }
}

/** `POST /v1/disputes/:id/close`: accepts the dispute as lost (an inquiry closes without a chargeback). */
function close(ctx: PspContext, input: OpInput): OpResult {
  const found = findDispute(ctx, input.params.id)
  if (!isRecord(found)) return found
  rejectUnknown(input.form, new Set())
  if (isClosed(found)) return { ok: false, saved: true, failure: closedFailure(found, 'close') }
  moveTo(ctx, input, found, found.status.startsWith('warning_') ? 'warning_closed' : 'lost')
  return { ok: true, body: answer(ctx, input, found) }
}

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const found = findDispute(ctx, input.params.id)
  return isRecord(found) ? { ok: true, body: answer(ctx, input, found) } : found
}

function list(ctx: PspContext, input: OpInput): OpResult {
  const charge = str(input.form, 'charge')
  const intent = str(input.form, 'payment_intent')
  const inCreated = createdFilter(input.form)
  const keep = allOf<DisputeRecord>(
    charge === undefined ? undefined : (d) => d.charge === charge,
    intent === undefined ? undefined : (d) => d.paymentIntent === intent,
    inCreated === undefined ? undefined : (d) => inCreated(d.created),
  )
  return listPage(
    input,
    '/v1/disputes',
    ctx.state.disputes.order,
    (id) => {
      const dispute = ctx.state.disputes.get(id)
      return dispute ? answer(ctx, input, dispute) : undefined
    },
    new Set(['charge', 'payment_intent', 'created']),
    byId((id) => ctx.state.disputes.get(id), keep),
  )
}

/** The Disputes endpoints (disputes open from dispute test cards: disputes.ts). */
export const disputeEndpoints: Endpoint[] = [
  { method: 'GET', path: '/v1/disputes', answers: { object: 'dispute', list: true }, run: list },
  { method: 'GET', path: '/v1/disputes/:id', answers: { object: 'dispute' }, run: retrieve },
  { method: 'POST', path: '/v1/disputes/:id', answers: { object: 'dispute' }, run: update },
  { method: 'POST', path: '/v1/disputes/:id/close', answers: { object: 'dispute' }, run: close },
]
