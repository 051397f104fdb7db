import { stripeErrors, type ErrorCode, type StripeErrorCode } from '../../error-codes.js'
import { formArray, type FormObject, type FormValue } from './form-body.js'
import { invalidParam, type StripeFailure } from './stripe-error.js'

/**
 * A request parameter that fails validation; the endpoint pipeline turns it into a 400 that saves
 * nothing. Its `code` is the registered Stripe code it answers with.
 */
export class ParamError extends Error {
  readonly code: StripeErrorCode | undefined
  constructor(readonly failure: StripeFailure) {
    super(failure.error.message)
    this.code = failure.error.code
  }
}

const fail = (param: string, message: string, entry?: ErrorCode<StripeErrorCode>): never => {
  throw new ParamError(invalidParam(param, message, entry))
}

/** Refuses parameters the endpoint does not know (Stripe's `parameter_unknown`). */
export function rejectUnknown(form: FormObject, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(form)) {
    if (key !== 'expand' && !allowed.has(key))
      fail(key, `Received unknown parameter: ${key}`, stripeErrors.parameter_unknown)
  }
}

/** A string parameter (absent → undefined; a nested object → 400). */
export function str(form: FormObject, key: string, maxLength = 5_000): string | undefined {
  const value = form[key]
  if (value === undefined) return undefined
  if (typeof value !== 'string') return fail(key, `Invalid string: ${key} must be a string`)
  if (value.length > maxLength) return fail(key, `Invalid string: must be at most ${maxLength} characters`)
  return value
}

/** A required, non-empty string parameter. */
export function requiredParam(form: FormObject, key: string): string {
  const value = str(form, key)
  return value === undefined || value === '' ? missing(key) : value
}

/** Throws Stripe's `parameter_missing` for a required parameter. */
export function missing(key: string): never {
  return fail(key, `Missing required param: ${key}.`, stripeErrors.parameter_missing)
}

/** A non-negative integer (Stripe amounts are integers in the smallest currency unit). */
export function int(form: FormObject, key: string, min = 0, max = 99_999_999): number | undefined {
  const value = str(form, key)
  if (value === undefined) return undefined
  if (!/^-?\d{1,12}$/.test(value))
    return fail(key, `Invalid integer: ${value}`, stripeErrors.parameter_invalid_integer)
  const n = Number(value)
  if (n < min)
    return fail(
      key,
      `This value must be greater than or equal to ${min}.`,
      stripeErrors.parameter_invalid_integer,
    )
  if (n > max)
    return fail(key, `This value must be less than or equal to ${max}.`, stripeErrors.amount_too_large)
  return n
}

/** A boolean (`true`/`false`). */
export function bool(form: FormObject, key: string): boolean | undefined {
  const value = str(form, key)
  if (value === undefined) return undefined
  if (value !== 'true' && value !== 'false')
    return fail(key, `Invalid boolean: ${value}`, stripeErrors.parameter_invalid_boolean)
  return value === 'true'
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(form: FormObject, key: string, allowed: readonly T[]): T | undefined {
  const value = str(form, key)
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value))
    return fail(
      key,
      `Invalid ${key}: must be one of ${allowed.join(', ')}`,
      stripeErrors.parameter_invalid_string,
    )
  return value as T
}

/** Metadata: at most 50 keys of ≤ 40 chars, values ≤ 500 chars; an empty value unsets the key. */
export function metadata(
  form: FormObject,
  previous: Record<string, string> = {},
): Record<string, string> | undefined {
  const value: FormValue | undefined = form.metadata
  if (value === undefined) return undefined
  if (value === '') return {}
  if (typeof value !== 'object') return fail('metadata', 'Invalid object: metadata must be a hash')
  const out: Record<string, string> = { ...previous }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') return fail(`metadata[${key}]`, 'Invalid metadata value: must be a string')
    if (key.length > 40) return fail(`metadata[${key}]`, 'Metadata keys can be at most 40 characters')
    if (item.length > 500) return fail(`metadata[${key}]`, 'Metadata values can be at most 500 characters')
    if (item === '') delete out[key]
    else out[key] = item
  }
  if (Object.keys(out).length > 50) return fail('metadata', 'Metadata can have at most 50 keys')
  return out
}

/** An array parameter of strings (`payment_method_types[0]=card`). */
export function strArray(form: FormObject, key: string): string[] | undefined {
  const value = form[key]
  if (value === undefined) return undefined
  const list = formArray(value)
  if (!list) return fail(key, `Invalid array: ${key}`, stripeErrors.parameter_invalid_array)
  return list
}

const currencies = new Map(
  [
    'usd',
    'eur',
    'gbp',
    'jpy',
    'cad',
    'aud',
    'chf',
    'sek',
    'nok',
    'dkk',
    'nzd',
    'sgd',
    'hkd',
    'mxn',
    'brl',
    'pln',
    'kwd',
  ].map((code) => [code, code]),
)

/** A lower-case ISO currency Stripe supports (a small table). */
export function currency(form: FormObject, key = 'currency'): string | undefined {
  const value = str(form, key)
  if (value === undefined) return undefined
  const canonical = currencies.get(value.toLowerCase())
  if (canonical === undefined)
    return fail(key, `Invalid currency: ${value}.`, stripeErrors.parameter_invalid_string)
  // The table's own string, not a fresh copy per request: a million intents share one 'usd'.
  return canonical
}
