import { describe, expect, it } from 'vitest'
import { JourneyAttempts } from './journey-attempts.js'

describe('JourneyAttempts', () => {
  it('counts attempts per journey and step, and takes the caller’s attempt as given', () => {
    const attempts = new JourneyAttempts(10)
    const attemptOf = (journey: number, step?: string): number | undefined =>
      attempts.labelsFor('POST', '/v1/x', { journey, ...(step ? { step } : {}) })?.attempt
    expect([attemptOf(1), attemptOf(2), attemptOf(1), attemptOf(1, 'other')]).toEqual([1, 1, 2, 1])
    expect(attempts.labelsFor('POST', '/v1/x', { journey: 1, attempt: 9 })).toEqual({
      journey: 1,
      step: 'POST /v1/x',
      attempt: 9,
    })
  })

  it('forgets the oldest pairs past its capacity', () => {
    const attempts = new JourneyAttempts(2)
    for (const journey of [1, 2, 3]) attempts.labelsFor('GET', '/', { journey })
    expect(attempts.labelsFor('GET', '/', { journey: 3 })?.attempt).toBe(2)
    expect(attempts.labelsFor('GET', '/', { journey: 1 })?.attempt).toBe(1)
  })
})
