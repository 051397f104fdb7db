import { Type, type TInteger, type TNumber, type TString } from '@sinclair/typebox'

/**
 * The kinds of figure the wire contracts carry, one builder each, so every schema says the same
 * thing the same way in report.schema.json.
 */

/**
 * An ISO-8601 instant (`2026-01-01T00:00:00.000Z`).
 * @note A `pattern`, not `format: date-time`: TypeBox refuses formats nobody registered, and
 * strict JSON Schema validators (ajv) refuse them without a plug-in; a pattern works everywhere.
 */
export function isoTime(description: string): TString {
  return Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
    description,
  })
}

/** A count of things: a whole number, 0 or more. */
export function count(description: string): TInteger {
  return Type.Integer({ minimum: 0, description })
}

/** Money in integer minor units (cents, yen). */
export function minorUnits(description: string): TInteger {
  return Type.Integer({ description })
}

/** A ratio, 0–1. */
export function ratio(description: string): TNumber {
  return Type.Number({ minimum: 0, maximum: 1, description })
}

/** A duration or latency in ms, 0 or more. */
export function durationMs(description: string): TNumber {
  return Type.Number({ minimum: 0, description })
}

/** A point in time as ms since the run started (may be negative: warm-up happens before the start). */
export function offsetMs(description: string): TNumber {
  return Type.Number({ description })
}
