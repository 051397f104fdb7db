import { Value } from '@sinclair/typebox/value'
import { FaultRuleInputSchema, type FaultRuleInput } from './fault-rule.js'

/** The outcome of validating a posted rule: the rule, or each problem with its JSON path. */
export type FaultRuleValidation =
  { ok: true; value: FaultRuleInput } | { ok: false; errors: Array<{ path: string; message: string }> }

/**
 * Validates untrusted JSON as a fault rule (schema, then the cross-field checks a schema cannot say).
 * @example validateFaultRule({ effect: { type: 'reset' } }) // { ok: true, value: … }
 */
export function validateFaultRule(input: unknown): FaultRuleValidation {
  if (!Value.Check(FaultRuleInputSchema, input)) {
    const errors = [...Value.Errors(FaultRuleInputSchema, input)]
      .slice(0, 10)
      .map((e) => ({ path: e.path || '/', message: e.message }))
    return { ok: false, errors }
  }
  const rule = input
  const errors: Array<{ path: string; message: string }> = []
  const { schedule, effect } = rule
  if (schedule?.fromMs !== undefined && schedule.untilMs !== undefined && schedule.untilMs < schedule.fromMs)
    errors.push({ path: '/schedule/untilMs', message: 'untilMs must not be before fromMs' })
  const distribution =
    effect.type === 'latency' || effect.type === 'webhook-delay' ? effect.distribution : undefined
  if (distribution?.type === 'uniform' && distribution.maxMs < distribution.minMs)
    errors.push({ path: '/effect/distribution/maxMs', message: 'maxMs must not be below minMs' })
  if (distribution?.type === 'lognormal' && distribution.p99Ms < distribution.medianMs)
    errors.push({ path: '/effect/distribution/p99Ms', message: 'p99Ms must not be below medianMs' })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: rule }
}
