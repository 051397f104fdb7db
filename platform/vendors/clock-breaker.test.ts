import { describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import { createClockBreaker, type BreakerState } from './clock-breaker.js'

const failing = () => Promise.reject(new Error('down'))
const ok = () => Promise.resolve('ok')

function breaker(states: BreakerState[] = []) {
  const clock = manualClock(0)
  const b = createClockBreaker({
    enabled: true,
    clock,
    consecutiveFailures: 2,
    isTransient: () => true,
    openError: () => new Error('open'),
    onStateChange: (s) => states.push(s),
  })
  return { clock, b }
}

describe('createClockBreaker', () => {
  it('backs its probes off exponentially while they fail, up to the cap, and starts over once closed', async () => {
    const { clock, b } = breaker()
    for (let i = 0; i < 2; i++) await expect(b.execute(failing)).rejects.toThrow('down')
    const waits: number[] = []
    for (let round = 0; round < 6; round++) {
      let waited = 0
      while (!b.isClosed()) {
        clock.advance(250)
        waited += 250
      }
      waits.push(waited)
      await expect(b.execute(failing)).rejects.toThrow('down')
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000])
    clock.advance(10_000)
    await expect(b.execute(ok)).resolves.toBe('ok')
    for (let i = 0; i < 2; i++) await expect(b.execute(failing)).rejects.toThrow('down')
    clock.advance(999)
    expect(b.isClosed()).toBe(false)
    clock.advance(1)
    expect(b.isClosed()).toBe(true)
  })

  it('refuses every call but the one probe while half-open', async () => {
    const states: BreakerState[] = []
    const { clock, b } = breaker(states)
    for (let i = 0; i < 2; i++) await expect(b.execute(failing)).rejects.toThrow('down')
    clock.advance(1_000)
    let release!: () => void
    const probe = b.execute(() => new Promise<string>((resolve) => (release = () => resolve('ok'))))
    await expect(b.execute(ok)).rejects.toThrow('open')
    release()
    await expect(probe).resolves.toBe('ok')
    expect(states).toEqual(['open', 'half-open', 'closed'])
  })
})
