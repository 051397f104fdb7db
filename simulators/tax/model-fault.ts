import type { AvataxErrorCode } from '../error-codes.js'

/** Why a posted model was refused: AvaTax's code, the field at fault and what is wrong with it. */
export interface ModelFault {
  ok: false
  code: Extract<AvataxErrorCode, 'ValueRequiredError' | 'ModelStateInvalid' | 'RangeError'>
  field: string
  message: string
}

/** A missing required field. */
export const required = (field: string): ModelFault => ({
  ok: false,
  code: 'ValueRequiredError',
  field,
  message: `Field '${field}' is required.`,
})

/** A field of the wrong type or with a value outside its set. */
export const invalid = (field: string, wanted: string): ModelFault => ({
  ok: false,
  code: 'ModelStateInvalid',
  field,
  message: `Field '${field}' is invalid: it must be ${wanted}.`,
})

/** A value outside its range. */
export const outOfRange = (field: string, range: string): ModelFault => ({
  ok: false,
  code: 'RangeError',
  field,
  message: `Field '${field}' is out of range: it must be ${range}.`,
})

/** An optional string field: absent, or a string; anything else is a fault. */
export function optionalString(
  value: unknown,
  field: string,
): { ok: true; value: string | undefined } | ModelFault {
  if (value === undefined || value === null) return { ok: true, value: undefined }
  return typeof value === 'string' ? { ok: true, value } : invalid(field, 'a string')
}
