import { Type, type TSchema, type Static } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { apiError } from './api-error.js'

/** POST /proxies and each item of POST /populate. Presence of name/upstream is checked after, as Toxiproxy does. */
export const proxyBodySchema = Type.Object({
  name: Type.Optional(Type.String()),
  listen: Type.Optional(Type.String()),
  upstream: Type.Optional(Type.String()),
  enabled: Type.Optional(Type.Boolean()),
})

/** POST /proxies/{proxy}: a partial update. */
export const proxyUpdateSchema = Type.Object({
  listen: Type.Optional(Type.String()),
  upstream: Type.Optional(Type.String()),
  enabled: Type.Optional(Type.Boolean()),
})

/** POST /populate. */
export const populateSchema = Type.Array(proxyBodySchema)

/** Attribute values are whole numbers (Toxiproxy decodes them into int64). */
const attributesSchema = Type.Record(Type.String(), Type.Unknown())

/** POST /proxies/{proxy}/toxics. */
export const toxicBodySchema = Type.Object({
  name: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  stream: Type.Optional(Type.String()),
  toxicity: Type.Optional(Type.Number()),
  attributes: Type.Optional(Type.Union([attributesSchema, Type.Null()])),
})

/** POST /proxies/{proxy}/toxics/{toxic}: a partial update of attributes and toxicity. */
export const toxicUpdateSchema = Type.Object({
  toxicity: Type.Optional(Type.Number()),
  attributes: Type.Optional(Type.Union([attributesSchema, Type.Null()])),
})

const compiled = new Map<TSchema, ReturnType<typeof TypeCompiler.Compile>>()

/**
 * Checks a parsed JSON body against a schema; throws Toxiproxy's 400 "bad request body: …" with
 * the first failing path when it does not match.
 */
export function validateBody<T extends TSchema>(schema: T, value: unknown): Static<T> {
  let checker = compiled.get(schema)
  if (checker === undefined) {
    checker = TypeCompiler.Compile(schema)
    compiled.set(schema, checker)
  }
  if (checker.Check(value)) return value as Static<T>
  const first = checker.Errors(value).First()
  const where = first?.path === '' || first === undefined ? 'body' : first.path
  throw apiError('BAD_REQUEST_BODY', `${where}: ${first?.message ?? 'invalid'}`)
}
