import { describe, expect, it } from 'vitest'
import {
  formatJourneyBaggage,
  journeyFromHttpHead,
  journeyKey,
  parseJourneyBaggage,
} from './journey-context.js'

describe('journey baggage', () => {
  it('round-trips a context', () => {
    const context = { journey: 17, step: 'psp.create', attempt: 2 }
    expect(parseJourneyBaggage(formatJourneyBaggage(context))).toEqual(context)
    expect(formatJourneyBaggage(context)).toBe('gameday.journey=17,gameday.step=psp.create,gameday.attempt=2')
  })

  it('reads ours among other members and properties, as W3C baggage allows', () => {
    expect(parseJourneyBaggage('userId=alice, gameday.journey=3;prop=1 ,gameday.step=checkout')).toEqual({
      journey: 3,
      step: 'checkout',
    })
  })

  it('ignores what is not a journey', () => {
    expect(parseJourneyBaggage(undefined)).toBeUndefined()
    expect(parseJourneyBaggage('gameday.step=checkout')).toBeUndefined()
    expect(parseJourneyBaggage('gameday.journey=-1')).toBeUndefined()
    expect(parseJourneyBaggage('gameday.journey=1e9')).toBeUndefined()
  })

  it('finds the context in the head of an HTTP request, and nowhere else', () => {
    const head = Buffer.from(
      'POST /v1/checkouts HTTP/1.1\r\nHost: x\r\nBaggage: gameday.journey=9,gameday.attempt=1\r\n\r\n{"baggage: gameday.journey=1"}',
    )
    expect(journeyFromHttpHead(head)).toEqual({ journey: 9, attempt: 1 })
    expect(
      journeyFromHttpHead(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\nbaggage: gameday.journey=1')),
    ).toBeUndefined()
  })

  it('keys a decision by journey, step and try', () => {
    expect(journeyKey({ journey: 4 })).toBe('4//1')
    expect(journeyKey({ journey: 4, step: 'cart', attempt: 3 })).toBe('4/cart/3')
  })
})
