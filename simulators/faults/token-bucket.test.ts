import { describe, expect, it } from 'vitest'
import { createTokenBucket } from './token-bucket.js'

describe('createTokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const bucket = createTokenBucket(10, 3, 0)
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ])
    expect(bucket.take(50)).toBe(false)
    expect(bucket.take(100)).toBe(true)
    expect(bucket.take(10_000)).toBe(true)
    expect(bucket.retryAfterS(10_000)).toBe(1)
  })
})
