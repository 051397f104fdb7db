import { describe, expect, it } from 'vitest'
import { invalidMessageReason, subjectMatches } from './message-rules.js'

describe('message rules', () => {
  it('matches subjects the NATS way', () => {
    expect(subjectMatches('>', 'orders.paid')).toBe(true)
    expect(subjectMatches('orders.>', 'orders.paid.eu')).toBe(true)
    expect(subjectMatches('orders.>', 'orders')).toBe(false)
    expect(subjectMatches('orders.*', 'orders.paid')).toBe(true)
    expect(subjectMatches('orders.*', 'orders.paid.eu')).toBe(false)
    expect(subjectMatches('orders.paid', 'orders.paid')).toBe(true)
    expect(subjectMatches('orders.paid', 'orders.refunded')).toBe(false)
  })

  it('accepts a plain message and names what is wrong with a bad one', () => {
    expect(invalidMessageReason({ id: 'evt_1', subject: 'orders.paid' })).toBeUndefined()
    expect(invalidMessageReason({ id: '', subject: 'orders.paid' })).toMatch(/id/)
    expect(invalidMessageReason({ id: 'a', subject: 'orders.>' })).toMatch(/subject/)
    expect(invalidMessageReason({ id: 'a', subject: '.orders' })).toMatch(/subject/)
    expect(invalidMessageReason({ id: 'a', subject: 'or ders' })).toMatch(/subject/)
  })
})
