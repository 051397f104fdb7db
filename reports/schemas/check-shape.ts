import type { Static, TSchema } from '@sinclair/typebox'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors'

/** One place where a value does not match its schema. */
export interface ShapeProblem {
  /** JSON Pointer to the field (`/entries/3/amount`); `/` is the value itself. */
  path: string
  /** What the schema wanted there, in words (`Expected integer`). */
  expected: string
}

/**
 * A body read over the wire did not have the shape its contract promises: a renamed field,
 * a string where a number belongs. Thrown rather than returned: the contract is ours, so a
 * mismatch is a bug on one side, not an outcome to handle.
 */
export class WireShapeError extends Error {
  readonly code = 'WIRE_SHAPE_MISMATCH'

  constructor(
    /** What was read, in words (`PSP ledger`). */
    readonly source: string,
    /** Every problem found, the first one in the message. */
    readonly problems: readonly ShapeProblem[],
  ) {
    const [first] = problems
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''
    super(`${source}: ${first?.path ?? '/'}: ${first?.expected ?? 'Unexpected shape'}${more}`)
    this.name = 'WireShapeError'
  }
}

// Compiled checkers, one per schema object: compiling generates code, so it happens once.
const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>()

function checkerOf<T extends TSchema>(schema: T): TypeCheck<T> {
  let checker = compiled.get(schema)
  if (checker === undefined) {
    checker = TypeCompiler.Compile(schema)
    compiled.set(schema, checker)
  }
  return checker as TypeCheck<T>
}

/**
 * Every place `value` differs from `schema`, one problem per field (the first TypeBox reports).
 * @example shapeProblems(LedgerEntrySchema, { amount: '12' }) // [{ path: '/id', expected: 'Expected required property' }, …]
 */
export function shapeProblems(schema: TSchema, value: unknown): ShapeProblem[] {
  const checker = checkerOf(schema)
  if (checker.Check(value)) return []
  const problems = new Map<string, ShapeProblem>()
  for (const error of checker.Errors(value)) {
    const path = error.path === '' ? '/' : error.path
    if (!problems.has(path)) problems.set(path, { path, expected: expectation(error) })
  }
  return [...problems.values()]
}

/**
 * Returns `value`, typed, when it matches `schema`; throws a `WireShapeError` whose message
 * names `where`, the field's path and what was expected otherwise.
 * @example const entries = checkShape(Type.Array(LedgerEntrySchema), body.entries, 'PSP ledger')
 * // throws "PSP ledger: /3/amount: Expected integer" for a fractional amount
 */
export function checkShape<T extends TSchema>(schema: T, value: unknown, where: string): Static<T> {
  const problems = shapeProblems(schema, value)
  if (problems.length > 0) throw new WireShapeError(where, problems)
  return value as Static<T>
}

/** TypeBox's message, except for a union of literals, where "Expected union value" hides the choices. */
function expectation(error: ValueError): string {
  const choices = error.type === ValueErrorType.Union ? literalChoices(error.schema) : undefined
  if (choices === undefined) return error.message
  return `Expected one of ${choices.map((choice) => JSON.stringify(choice)).join(', ')}, got ${JSON.stringify(error.value) ?? 'nothing'}`
}

function literalChoices(schema: TSchema): unknown[] | undefined {
  const anyOf: unknown = schema.anyOf
  if (!Array.isArray(anyOf)) return undefined
  const choices = anyOf.map((member: { const?: unknown }) => member.const)
  return choices.every((choice) => choice !== undefined) ? choices : undefined
}
