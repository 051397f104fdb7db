import { describe, expect, it } from 'vitest'
import { shapeProblems } from './same-shape.js'

describe('shapeProblems', () => {
  it('finds missing fields and wrong types, and allows extra fields', () => {
    expect(shapeProblems({ status: 0, scores: {} }, { status: 'ok' })).toEqual([
      '/status: number expected, got string',
      '/scores: missing',
    ])
    expect(shapeProblems({ status: 0 }, { status: 51, extra: true })).toEqual([])
  })

  it('matches each element of an array or a map against some documented element', () => {
    const documented = { history: [{ app: 'a', config: { decision_id: 'd' } }, { app: 'b' }] }
    expect(
      shapeProblems(documented, { history: [{ app: 'x' }, { app: 'y', config: { decision_id: 'z' } }] }),
    ).toEqual([])
    expect(shapeProblems(documented, { history: [{ name: 'x' }] })).toHaveLength(1)
    const maps = { maps: ['/scores'] }
    expect(shapeProblems({ scores: { a: { score: 0.1 } } }, { scores: { b: { score: 0.2 } } }, maps)).toEqual(
      [],
    )
    expect(shapeProblems({ scores: { a: { score: 0.1 } } }, { scores: { b: {} } }, maps)).toHaveLength(1)
  })

  it('skips lenient paths and documented nulls', () => {
    const lenient = { lenient: ['/reasons/*/value'] }
    expect(shapeProblems({ reasons: [{ value: 4 }] }, { reasons: [{ value: '4' }] }, lenient)).toEqual([])
    expect(shapeProblems({ user_id: null }, { user_id: 'u' })).toEqual([])
  })
})
