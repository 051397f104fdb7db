import { fraudErrors } from '../error-codes.js'
import type { VendorIds } from '../core/vendor-ids.js'
import { json, readJson } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import { takeFaultDelay } from '../faults/fault-delay.js'
import { internalHeaders } from '../core/internal-headers.js'
import { fraudError } from './fraud-error.js'
import { scoreAssessment, type ScoringRules } from './score-assessment.js'

/** A stored assessment (amount in minor units). */
export interface Assessment {
  id: string
  orderId: string
  email: string
  amount: number
  currency: string
  score: number
  decision: 'accept' | 'review' | 'reject'
  reasons: string[]
  createdAt: string
}

/** What the assessment routes work with. */
export interface FraudContext {
  assessments: Map<string, Assessment>
  byIdempotencyKey: Map<string, string>
  ids: VendorIds
  now: () => number
  rules: ScoringRules
}

function validate(
  body: unknown,
):
  | { ok: true; value: { orderId: string; email: string; amount: number; currency: string } }
  | { ok: false; response: Response } {
  const bad = (field: string, message: string) => ({
    ok: false as const,
    response: fraudError(fraudErrors.invalid_request, message, field),
  })
  if (typeof body !== 'object' || body === null) return bad('body', 'The body must be a JSON object')
  const b = body as Record<string, unknown>
  if (typeof b.orderId !== 'string' || b.orderId === '' || b.orderId.length > 200)
    return bad('orderId', 'orderId must be a non-empty string')
  if (typeof b.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(b.email) || b.email.length > 320)
    return bad('email', 'email must be an email address')
  if (typeof b.amount !== 'number' || !Number.isSafeInteger(b.amount) || b.amount < 0)
    return bad('amount', 'amount must be a non-negative integer in minor units')
  if (typeof b.currency !== 'string' || !/^[A-Za-z]{3}$/.test(b.currency))
    return bad('currency', 'currency must be an ISO 4217 code')
  return {
    ok: true,
    value: { orderId: b.orderId, email: b.email, amount: b.amount, currency: b.currency.toLowerCase() },
  }
}

/**
 * `POST /v1/assessments` `{ orderId, email, amount, currency, … }` → `{ id, orderId, score, decision,
 * reasons }` (deterministic from the input), with `Idempotency-Key` replays; `GET /v1/assessments/{id}`.
 */
export function assessmentRoutes(ctx: FraudContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/assessments',
      handle: async (request) => {
        const key = request.headers.get('idempotency-key')
        const replayId = key !== null ? ctx.byIdempotencyKey.get(key) : undefined
        const replay = replayId !== undefined ? ctx.assessments.get(replayId) : undefined
        if (replay) {
          await takeFaultDelay(request)
          return json(200, replay)
        }
        const body = await readJson(request)
        if (body === undefined) return fraudError(fraudErrors.invalid_json, 'The body must be JSON')
        const valid = validate(body)
        if (!valid.ok) return valid.response
        await takeFaultDelay(request)
        const assessment: Assessment = {
          id: ctx.ids.next('asm', 12),
          ...valid.value,
          ...scoreAssessment(valid.value, ctx.rules),
          createdAt: new Date(ctx.now()).toISOString(),
        }
        ctx.assessments.set(assessment.id, assessment)
        if (key !== null) ctx.byIdempotencyKey.set(key, assessment.id)
        const response = json(201, assessment)
        response.headers.set(internalHeaders.operation, 'new')
        return response
      },
    },
    {
      method: 'GET',
      path: '/v1/assessments/:id',
      handle: (_request, params) => {
        const found = ctx.assessments.get(params.id ?? '')
        return found
          ? json(200, found)
          : fraudError(fraudErrors.not_found, `No such assessment: ${params.id}`)
      },
    },
  ]
}
