import { describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import { createPspBreaker, PspCircuitOpenError } from './psp-breaker.js'

class Transient extends Error {}
const fail = () => Promise.reject(new Transient('503'))
const ok = () => Promise.resolve('ok')

function breaker(enabled = true) {
  const clock = manualClock()
  const states: string[] = []
  const b = createPspBreaker({
    enabled,
    clock,
    consecutiveFailures: 3,
    halfOpenAfterMs: 1_000,
    isTransient: (err) => err instanceof Transient,
    onStateChange: (s) => states.push(s),
  })
  return { b, clock, states }
}

describe('createPspBreaker', () => {
  it('opens after consecutive transient failures and refuses without calling', async () => {
    const { b, states } = breaker()
    for (let i = 0; i < 3; i++) await expect(b.execute(fail)).rejects.toThrow(Transient)
    expect(b.isClosed()).toBe(false)
    let called = false
    await expect(b.execute(async () => (called = true))).rejects.toThrow(PspCircuitOpenError)
    expect(called).toBe(false)
    expect(states).toEqual(['open'])
  })

  it('lets one probe through once the clock has moved past the half-open delay', async () => {
    const { b, clock, states } = breaker()
    for (let i = 0; i < 3; i++) await expect(b.execute(fail)).rejects.toThrow(Transient)
    clock.advance(999)
    expect(b.isClosed()).toBe(false)
    clock.advance(1)
    expect(b.isClosed()).toBe(true)
    expect(await b.execute(ok)).toBe('ok')
    expect(states).toEqual(['open', 'half-open', 'closed'])
  })

  it('opens again when the probe fails', async () => {
    const { b, clock } = breaker()
    for (let i = 0; i < 3; i++) await expect(b.execute(fail)).rejects.toThrow(Transient)
    clock.advance(1_000)
    await expect(b.execute(fail)).rejects.toThrow(Transient)
    expect(b.isClosed()).toBe(false)
  })

  it('counts neither a non-transient error nor resets on it; a success resets', async () => {
    const { b } = breaker()
    await expect(b.execute(fail)).rejects.toThrow()
    await expect(b.execute(fail)).rejects.toThrow()
    await expect(b.execute(() => Promise.reject(new Error('card declined')))).rejects.toThrow()
    await b.execute(ok)
    await expect(b.execute(fail)).rejects.toThrow()
    await expect(b.execute(fail)).rejects.toThrow()
    expect(b.isClosed()).toBe(true)
  })

  it('never opens when the circuit-breaker safeguard is off', async () => {
    const { b } = breaker(false)
    for (let i = 0; i < 10; i++) await expect(b.execute(fail)).rejects.toThrow(Transient)
    expect(b.isClosed()).toBe(true)
  })
})
