import { apiError } from './api-error.js'
import { toxicBodySchema, toxicUpdateSchema, validateBody } from './body-schemas.js'

/** upstream = client→server bytes, downstream = server→client bytes. */
export type StreamDirection = 'upstream' | 'downstream'

/** Every attribute each toxic type has, with Toxiproxy's zero defaults. */
export const toxicAttributeDefaults = {
  latency: { latency: 0, jitter: 0 },
  bandwidth: { rate: 0 },
  slow_close: { delay: 0 },
  timeout: { timeout: 0 },
  reset_peer: { timeout: 0 },
  slicer: { average_size: 0, size_variation: 0, delay: 0 },
  limit_data: { bytes: 0 },
  noop: {},
} as const satisfies Record<string, Record<string, number>>

/** The toxic types this server knows. */
export type ToxicType = keyof typeof toxicAttributeDefaults

/** A toxic as the API shows it. */
export interface ToxicJson {
  name: string
  type: ToxicType
  stream: StreamDirection
  toxicity: number
  attributes: Record<string, number>
}

function isToxicType(type: string): type is ToxicType {
  return Object.hasOwn(toxicAttributeDefaults, type)
}

/** Parses a stream name case-insensitively, as Toxiproxy's `stream.ParseDirection` does. */
export function parseStream(stream: string): StreamDirection {
  const lower = stream.toLowerCase()
  if (lower === 'upstream' || lower === 'downstream') return lower
  throw apiError('INVALID_STREAM')
}

function checkToxicity(toxicity: number): number {
  if (!Number.isFinite(toxicity) || toxicity < 0 || toxicity > 1) {
    throw apiError('BAD_REQUEST_BODY', 'toxicity must be between 0 and 1')
  }
  return toxicity
}

/** Merges given attributes over a base, keeping only the type's known keys, each a whole number ≥ 0. */
function mergeAttributes(
  type: ToxicType,
  base: Record<string, number>,
  given: Record<string, unknown> | null | undefined,
): Record<string, number> {
  const merged: Record<string, number> = { ...base }
  if (given === null || given === undefined) return merged
  for (const key of Object.keys(toxicAttributeDefaults[type])) {
    if (!Object.hasOwn(given, key)) continue
    const value = given[key]
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw apiError('BAD_REQUEST_BODY', `attribute ${key} must be a non-negative integer`)
    }
    merged[key] = value
  }
  return merged
}

/**
 * Validates a POST /proxies/{proxy}/toxics body in Toxiproxy's order (body, stream, type, name
 * clash, attributes) and returns the toxic with every default filled.
 */
export function parseNewToxic(body: unknown, nameTaken: (name: string) => boolean): ToxicJson {
  const input = validateBody(toxicBodySchema, body)
  const stream = parseStream(input.stream ?? 'downstream')
  const typeName = input.type ?? ''
  const name = input.name !== undefined && input.name !== '' ? input.name : `${typeName}_${stream}`
  if (!isToxicType(typeName)) throw apiError('INVALID_TOXIC_TYPE')
  if (nameTaken(name)) throw apiError('TOXIC_ALREADY_EXISTS')
  const toxicity = checkToxicity(input.toxicity ?? 1)
  const attributes = mergeAttributes(typeName, toxicAttributeDefaults[typeName], input.attributes)
  return { name, type: typeName, stream, toxicity, attributes }
}

/** Applies a POST /proxies/{proxy}/toxics/{toxic} body: a partial merge of attributes and toxicity. */
export function parseToxicUpdate(
  current: ToxicJson,
  body: unknown,
): Pick<ToxicJson, 'toxicity' | 'attributes'> {
  const input = validateBody(toxicUpdateSchema, body)
  const toxicity = checkToxicity(input.toxicity ?? current.toxicity)
  const attributes = mergeAttributes(current.type, current.attributes, input.attributes)
  return { toxicity, attributes }
}
