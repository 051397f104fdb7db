import { describe, expect, it } from 'vitest'
import { manualClock, type Clock } from '../../lib/clock.js'
import { createRequestDeadlines } from './request-deadlines.js'

describe('createRequestDeadlines', () => {
  it('aborts each unfinished request its timeout after it started, and no finished one', () => {
    const clock = manualClock()
    const deadlines = createRequestDeadlines(100, clock)
    const a = deadlines.start()
    clock.advance(30)
    const b = deadlines.start()
    const c = deadlines.start()
    c.end()
    clock.advance(69)
    expect(a.signal.aborted).toBe(false)
    clock.advance(1)
    expect(a.signal.aborted).toBe(true)
    expect((a.signal.reason as Error).name).toBe('TimeoutError')
    expect(b.signal.aborted).toBe(false)
    clock.advance(30)
    expect(b.signal.aborted).toBe(true)
    expect(c.signal.aborted).toBe(false)
    deadlines.close()
  })

  it('stops its timer on close', () => {
    const clock = manualClock()
    const deadlines = createRequestDeadlines(100, clock)
    const a = deadlines.start()
    deadlines.close()
    clock.advance(1_000)
    expect(a.signal.aborted).toBe(false)
  })

  it('keeps one timer for all its deadlines, not one per request', () => {
    const clock = manualClock()
    let armed = 0
    const counting: Clock = {
      ...clock,
      setTimeout: (fn, ms) => {
        armed++
        return clock.setTimeout(fn, ms)
      },
    }
    const deadlines = createRequestDeadlines(100, counting)
    const started = Array.from({ length: 10 }, () => {
      clock.advance(1)
      return deadlines.start()
    })
    expect(armed).toBe(1)
    clock.advance(100)
    expect(started.every((d) => d.signal.aborted)).toBe(true)
    deadlines.close()
  })

  it('calls onExpire once at the deadline, and a signal read late is already aborted', () => {
    const clock = manualClock()
    const deadlines = createRequestDeadlines(100, clock)
    const expired: string[] = []
    const a = deadlines.start((error) => expired.push(`a ${error.name}`))
    const b = deadlines.start((error) => expired.push(`b ${error.name}`))
    b.end()
    clock.advance(100)
    clock.advance(100)
    expect(expired).toEqual(['a TimeoutError'])
    expect(a.signal.aborted).toBe(true)
    expect(b.signal.aborted).toBe(false)
    deadlines.close()
  })
})
