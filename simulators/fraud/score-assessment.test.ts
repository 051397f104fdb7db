import { describe, expect, it } from 'vitest'
import { scoreAssessment } from './score-assessment.js'

const base = { orderId: 'o1', email: 'ann@example.com', amount: 5_000, currency: 'usd' }

describe('scoreAssessment', () => {
  it('accepts an ordinary order with a low score, the same every time', () => {
    const a = scoreAssessment(base)
    expect(a.decision).toBe('accept')
    expect(a.score).toBeLessThan(0.2)
    expect(scoreAssessment(base)).toEqual(a)
  })

  it('lets scenarios target review and reject by email or amount', () => {
    expect(scoreAssessment({ ...base, email: 'ann+review@example.com' }).decision).toBe('review')
    expect(scoreAssessment({ ...base, email: 'bob@reject.test' }).decision).toBe('reject')
    expect(scoreAssessment({ ...base, amount: 250_000 }).decision).toBe('review')
    expect(scoreAssessment({ ...base, amount: 2_000_000 })).toMatchObject({
      decision: 'reject',
      reasons: ['amount_very_high'],
    })
    expect(scoreAssessment({ ...base, email: 'x@mailinator.com', amount: 250_000 }).decision).toBe('reject')
  })

  it('keeps every score within 0 and 1', () => {
    for (const email of ['a@b.c', 'z+reject@mailinator.com', 'q@review.test'])
      for (const amount of [0, 300_000, 5_000_000]) {
        const { score } = scoreAssessment({ ...base, email, amount })
        expect(score).toBeGreaterThanOrEqual(0)
        expect(score).toBeLessThanOrEqual(1)
      }
  })
})
