import { describe, expect, it } from 'vitest'
import { BoundedMap } from './bounded-map.js'

describe('BoundedMap', () => {
  it('forgets the oldest keys beyond its capacity and lists values oldest first', () => {
    const map = new BoundedMap<string, number>(3)
    for (const [i, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, i)
    expect(map.size).toBe(3)
    expect(map.get('a')).toBeUndefined()
    expect([...map.values()]).toEqual([2, 3, 4])
    map.set('c', 9)
    expect([...map.values()]).toEqual([9, 3, 4])
  })

  it('stays correct across many evictions and deletions', () => {
    const map = new BoundedMap<number, number>(100)
    for (let i = 0; i < 10_000; i++) {
      map.set(i, i)
      if (i % 7 === 0) map.delete(i - 3)
    }
    expect(map.size).toBeLessThanOrEqual(100)
    expect(map.get(9_999)).toBe(9_999)
    expect([...map.values()].every((v) => v >= 9_800)).toBe(true)
  })
})
