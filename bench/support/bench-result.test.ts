import { describe, expect, it } from 'vitest'
import { slope } from './bench-result.js'

describe('slope', () => {
  it('is the least-squares slope of the points', () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBeCloseTo(2)
    expect(
      slope([
        { x: 0, y: 10 },
        { x: 5, y: 12 },
        { x: 10, y: 8 },
        { x: 15, y: 10 },
      ]),
    ).toBeCloseTo(-0.08)
  })

  it('is 0 for a flat line, one point or none', () => {
    expect(
      slope([
        { x: 0, y: 7 },
        { x: 5, y: 7 },
      ]),
    ).toBe(0)
    expect(slope([{ x: 3, y: 7 }])).toBe(0)
    expect(slope([])).toBe(0)
  })
})
