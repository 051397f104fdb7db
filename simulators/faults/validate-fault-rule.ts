import { KindGuard, type TObject, type TSchema, type TUnion } from '@sinclair/typebox'
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value'
import { FaultRuleInputSchema, type FaultRuleInput } from './fault-rule.js'

/** One problem with a posted rule: the JSON pointer of the field, and what it must be. */
export interface FaultRuleProblem {
  path: string
  message: string
}

/** The outcome of validating a posted rule: the rule, or each problem with its JSON path. */
export type FaultRuleValidation =
  { ok: true; value: FaultRuleInput } | { ok: false; errors: FaultRuleProblem[] }

const maxProblems = 10

/**
 * Validates untrusted JSON as a fault rule (schema, then the cross-field checks a schema cannot say).
 * A union marked with a `discriminator` (the effect, the latency distribution) is checked by its
 * `type` first, then against that one variant, so each message names the field and what it allows.
 * @example validateFaultRule({ effect: { type: 'reset' } }) // { ok: true, value: … }
 * @example validateFaultRule({ effect: { type: 'error', status: 200 } })
 * // { ok: false, errors: [{ path: '/effect/status', message: 'effect.status must be an integer from 400 to 599 (got 200)' }] }
 */
export function validateFaultRule(input: unknown): FaultRuleValidation {
  const problems = problemsOf(FaultRuleInputSchema, input, '')
  if (problems.length > 0 || !Value.Check(FaultRuleInputSchema, input))
    return { ok: false, errors: problems.length > 0 ? problems.slice(0, maxProblems) : [invalid()] }
  const rule = input
  const errors: FaultRuleProblem[] = []
  const { schedule, effect } = rule
  if (schedule?.fromMs !== undefined && schedule.untilMs !== undefined && schedule.untilMs < schedule.fromMs)
    errors.push({
      path: '/schedule/untilMs',
      message: `schedule.untilMs must not be before schedule.fromMs (${schedule.fromMs})`,
    })
  const distribution =
    effect.type === 'latency' || effect.type === 'webhook-delay' ? effect.distribution : undefined
  if (distribution?.type === 'uniform' && distribution.maxMs < distribution.minMs)
    errors.push({
      path: '/effect/distribution/maxMs',
      message: `effect.distribution.maxMs must not be below minMs (${distribution.minMs})`,
    })
  if (distribution?.type === 'lognormal' && distribution.p99Ms < distribution.medianMs)
    errors.push({
      path: '/effect/distribution/p99Ms',
      message: `effect.distribution.p99Ms must not be below medianMs (${distribution.medianMs})`,
    })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: rule }
}

/** Never expected: the schema refused a value no check below explained. */
const invalid = (): FaultRuleProblem => ({ path: '/', message: 'rule does not match the fault rule schema' })

function problemsOf(schema: TSchema, value: unknown, path: string): FaultRuleProblem[] {
  const union = discriminatedUnion(schema)
  if (union) return variantProblems(union, value, path)
  // Properties that are discriminated unions are checked on their own, by their `type`.
  const nested = KindGuard.IsObject(schema) && isRecord(value) ? discriminatedKeys(schema, value) : []
  const insideNested = (at: string): boolean =>
    nested.some((key) => at === `/${key}` || at.startsWith(`/${key}/`))
  const errors = [...Value.Errors(schema, value)]
  // A missing property is reported once, as required (TypeBox also checks `undefined` against it).
  const missing = new Set(
    errors.filter((e) => e.type === ValueErrorType.ObjectRequiredProperty).map((e) => e.path),
  )
  const problems = errors
    .filter((error) => !insideNested(error.path))
    .filter((error) => error.type === ValueErrorType.ObjectRequiredProperty || !missing.has(error.path))
    .map((error) => ({ path: path + error.path || '/', message: describe(error, path) }))
  if (KindGuard.IsObject(schema) && isRecord(value))
    for (const key of nested) {
      const child = schema.properties[key]
      if (child) problems.push(...problemsOf(child, value[key], `${path}/${key}`))
    }
  return problems
}

interface Discriminated {
  key: string
  variants: TObject[]
}

function discriminatedUnion(schema: TSchema): Discriminated | undefined {
  if (!KindGuard.IsUnion(schema)) return undefined
  const key = (schema as TUnion & { discriminator?: { propertyName?: unknown } }).discriminator?.propertyName
  if (typeof key !== 'string') return undefined
  return { key, variants: schema.anyOf.filter((variant) => KindGuard.IsObject(variant)) }
}

/** The keys of `value` whose schema is a discriminated union (only those present). */
function discriminatedKeys(schema: TObject, value: Record<string, unknown>): string[] {
  return Object.keys(schema.properties).filter((key) => {
    const child = schema.properties[key]
    return child !== undefined && value[key] !== undefined && discriminatedUnion(child) !== undefined
  })
}

const tagOf = (variant: TObject, key: string): unknown =>
  (variant.properties[key] as { const?: unknown }).const

function variantProblems({ key, variants }: Discriminated, value: unknown, path: string): FaultRuleProblem[] {
  const name = fieldName(path)
  const tags = variants.map((variant) => String(tagOf(variant, key)))
  if (!isRecord(value))
    return [{ path: path || '/', message: `${name} must be ${objectOfType(key, tags)} (got ${show(value)})` }]
  const tag = value[key]
  if (tag === undefined)
    return [{ path: `${path}/${key}`, message: `${name}.${key} is required: one of ${tags.join(', ')}` }]
  const variant = variants.find((candidate) => tagOf(candidate, key) === tag)
  if (!variant)
    return [
      {
        path: `${path}/${key}`,
        message: `${name}.${key} must be one of ${tags.join(', ')} (got ${show(tag)})`,
      },
    ]
  return problemsOf(variant, value, path)
}

/** A sentence for one schema error, naming the field (`effect.status`) and what it allows. */
function describe(error: ValueError, base: string): string {
  const name = fieldName(base + error.path)
  const schema = error.schema as TSchema & { errorMessage?: unknown }
  if (error.type === ValueErrorType.ObjectRequiredProperty) {
    const wanted = allowed(schema)
    return `${name} is required${wanted ? `: ${wanted}` : ''}`
  }
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    const known = KindGuard.IsObject(schema) ? Object.keys(schema.properties) : []
    const parent = fieldName(base + error.path.slice(0, error.path.lastIndexOf('/')))
    return `${name} is not a field of ${parent}; allowed: ${known.join(', ')}`
  }
  if (typeof schema.errorMessage === 'string')
    return `${name} ${schema.errorMessage} (got ${show(error.value)})`
  const wanted = allowed(schema)
  return wanted ? `${name} must be ${wanted} (got ${show(error.value)})` : `${name}: ${error.message}`
}

/** What a schema allows, in words: `an integer from 400 to 599`, `one of drop, error, hang`. */
function allowed(schema: TSchema): string | undefined {
  const union = discriminatedUnion(schema)
  if (union)
    return objectOfType(
      union.key,
      union.variants.map((variant) => String(tagOf(variant, union.key))),
    )
  if (KindGuard.IsUnion(schema)) {
    const consts = schema.anyOf.map((member) =>
      KindGuard.IsLiteral(member) ? String(member.const) : undefined,
    )
    return consts.every((c) => c !== undefined) ? `one of ${consts.join(', ')}` : undefined
  }
  if (KindGuard.IsLiteral(schema)) return JSON.stringify(schema.const)
  if (KindGuard.IsInteger(schema) || KindGuard.IsNumber(schema)) {
    const noun = KindGuard.IsInteger(schema) ? 'an integer' : 'a number'
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema
    if (minimum !== undefined && maximum !== undefined) return `${noun} from ${minimum} to ${maximum}`
    const bounds = [
      exclusiveMinimum !== undefined ? `> ${exclusiveMinimum}` : undefined,
      minimum !== undefined ? `≥ ${minimum}` : undefined,
      maximum !== undefined ? `≤ ${maximum}` : undefined,
      exclusiveMaximum !== undefined ? `< ${exclusiveMaximum}` : undefined,
    ].filter((bound) => bound !== undefined)
    return bounds.length > 0 ? `${noun} ${bounds.join(' and ')}` : noun
  }
  if (KindGuard.IsString(schema)) {
    const { minLength, maxLength } = schema
    if (minLength !== undefined && maxLength !== undefined)
      return `a string of ${minLength} to ${maxLength} characters`
    if (maxLength !== undefined) return `a string of at most ${maxLength} characters`
    return minLength !== undefined ? `a string of at least ${minLength} characters` : 'a string'
  }
  if (KindGuard.IsObject(schema) || KindGuard.IsRecord(schema)) return 'an object'
  if (KindGuard.IsBoolean(schema)) return 'true or false'
  return undefined
}

const objectOfType = (key: string, tags: string[]): string =>
  `an object whose "${key}" is one of ${tags.join(', ')}`

/** `/effect/distribution/ms` → `effect.distribution.ms`; the root is `rule`. */
function fieldName(pointer: string): string {
  if (pointer === '' || pointer === '/') return 'rule'
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.')
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
