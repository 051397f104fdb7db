import { describe, expect, it } from 'vitest'
import { createIdGenerator } from './ids.js'

describe('createIdGenerator', () => {
  it('replays the same ids from the same seed and boot', () => {
    const a = createIdGenerator(42, 1)
    const b = createIdGenerator(42, 1)
    expect([a('ord'), a('ord'), a('cart')]).toEqual([b('ord'), b('ord'), b('cart')])
  })

  it('gives another boot of the same seed other ids', () => {
    const first = new Set(Array.from({ length: 1000 }, createIdGenerator(42, 1).bind(null, 'ord')))
    const second = Array.from({ length: 1000 }, createIdGenerator(42, 2).bind(null, 'ord'))
    expect(second.filter((id) => first.has(id))).toEqual([])
    expect(first.size).toBe(1000)
  })

  it('makes prefixed lower-case ids', () => {
    expect(createIdGenerator(1, 0)('cart')).toMatch(/^cart_[a-z0-9]{16}$/)
  })
})
