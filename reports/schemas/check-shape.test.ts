import { Type } from '@sinclair/typebox'
import { describe, expect, it } from 'vitest'

import { checkShape, shapeProblems, WireShapeError } from './check-shape.js'

const Item = Type.Object({
  amount: Type.Integer(),
  type: Type.Union([Type.Literal('capture'), Type.Literal('refund')]),
})

describe('checkShape', () => {
  it('returns the value, typed, when it matches', () => {
    const value: unknown = { amount: 1200, type: 'capture', extra: true }
    const checked = checkShape(Item, value, 'test body')
    expect(checked.amount).toBe(1200)
    expect(checked).toBe(value)
  })

  it('throws an error naming the source, the field path and what was expected', () => {
    const error = catchError(() =>
      checkShape(
        Type.Array(Item),
        [
          { amount: 1, type: 'refund' },
          { amount: 1.5, type: 'refund' },
        ],
        'PSP ledger',
      ),
    )
    expect(error).toBeInstanceOf(WireShapeError)
    expect(error).toMatchObject({
      code: 'WIRE_SHAPE_MISMATCH',
      source: 'PSP ledger',
      message: 'PSP ledger: /1/amount: Expected integer',
      problems: [{ path: '/1/amount', expected: 'Expected integer' }],
    })
  })

  it('says a renamed field is missing rather than letting it read as undefined', () => {
    expect(() => checkShape(Item, { amountMinor: 1, type: 'capture' }, 'body')).toThrow(
      'body: /amount: Expected required property',
    )
  })

  it('lists the allowed values of a union of literals', () => {
    expect(() => checkShape(Item, { amount: 1, type: 'charge' }, 'body')).toThrow(
      'body: /type: Expected one of "capture", "refund", got "charge"',
    )
  })

  it('counts the further problems and names the root as /', () => {
    expect(() => checkShape(Item, { amount: 'x', type: 1 }, 'body')).toThrow(
      /^body: \/amount: .*\(and 1 more\)$/,
    )
    expect(() => checkShape(Item, null, 'body')).toThrow('body: /: Expected object')
  })
})

describe('shapeProblems', () => {
  it('reports one problem per field, and none for a match', () => {
    expect(shapeProblems(Item, { amount: 1, type: 'capture' })).toEqual([])
    expect(shapeProblems(Item, {}).map((problem) => problem.path)).toEqual(['/amount', '/type'])
  })
})

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('Expected a throw')
}
