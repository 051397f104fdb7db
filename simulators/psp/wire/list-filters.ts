import { stripeErrors } from '../../error-codes.js'
import type { FormObject } from './form-body.js'
import { ParamError, str } from './form-params.js'
import { invalidParam } from './stripe-error.js'

/** Which records a list keeps: `undefined` keeps every one (the fast path). */
export type Keep<T> = ((record: T) => boolean) | undefined

const bounds = ['gt', 'gte', 'lt', 'lte'] as const
type Bound = (typeof bounds)[number]

/**
 * Stripe's `created` list filter: an exact second (`created=1700000000`) or a range
 * (`created[gte]=…&created[lt]=…`). Returns the test on a record's `created`, or undefined.
 * @example createdFilter({ created: { gt: '10' } })?.(11) // true
 */
export function createdFilter(form: FormObject): ((created: number) => boolean) | undefined {
  const value = form.created
  if (value === undefined) return undefined
  if (typeof value === 'string') {
    const exact = timestamp('created', value)
    return (created) => created === exact
  }
  const range: Partial<Record<Bound, number>> = {}
  for (const [key, item] of Object.entries(value)) {
    const param = `created[${key}]`
    if (!(bounds as readonly string[]).includes(key))
      throw new ParamError(
        invalidParam(param, `Received unknown parameter: ${param}`, stripeErrors.parameter_unknown),
      )
    if (typeof item !== 'string')
      throw new ParamError(invalidParam(param, `Invalid integer: ${param} must be an integer`))
    range[key as Bound] = timestamp(param, item)
  }
  const { gt, gte, lt, lte } = range
  return (created) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte)
}

function timestamp(param: string, value: string): number {
  if (!/^\d{1,12}$/.test(value))
    throw new ParamError(
      invalidParam(param, `Invalid integer: ${value}`, stripeErrors.parameter_invalid_integer),
    )
  return Number(value)
}

/** An exact-match string filter (`email`, `customer`, `payment_intent`); undefined when absent. */
export function equalsFilter(form: FormObject, key: string): ((value: string | null) => boolean) | undefined {
  const wanted = str(form, key)
  return wanted === undefined ? undefined : (value) => value === wanted
}

/** Every given test must pass; no tests keeps everything (and lets the list skip the check). */
export function allOf<T>(...tests: Array<((record: T) => boolean) | undefined>): Keep<T> {
  const present = tests.filter((t): t is (record: T) => boolean => t !== undefined)
  if (present.length === 0) return undefined
  if (present.length === 1) return present[0]
  return (record) => present.every((t) => t(record))
}

/** Adapts a test on a record to a test on an id, for `listPage`. */
export function byId<T>(get: (id: string) => T | undefined, keep: Keep<T>): Keep<string> {
  if (!keep) return undefined
  return (id) => {
    const record = get(id)
    return record !== undefined && keep(record)
  }
}
