import { describe, expect, it } from 'vitest'
import { manualClock, stopwatch, systemClock } from './clock.js'

describe('manualClock', () => {
  it('moves only when advanced, running timers that fall due in order', () => {
    const clock = manualClock(1_000)
    const fired: string[] = []
    clock.setTimeout(() => fired.push(`b@${clock.monotonic()}`), 200)
    clock.setTimeout(() => fired.push(`a@${clock.monotonic()}`), 100)
    const cancel = clock.setTimeout(() => fired.push('never'), 150)
    cancel()
    clock.advance(150)
    expect(fired).toEqual(['a@100'])
    expect(clock.now()).toBe(1_150)
    clock.advance(100)
    expect(fired).toEqual(['a@100', 'b@200'])
    expect(clock.monotonic()).toBe(250)
  })

  it('runs a timer set by a timer within the same advance', () => {
    const clock = manualClock()
    const fired: number[] = []
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.monotonic()), 10), 10)
    clock.advance(25)
    expect(fired).toEqual([20])
  })
})

describe('stopwatch', () => {
  it('counts from its origin, and from now after a restart', () => {
    const clock = manualClock()
    const watch = stopwatch(clock)
    clock.advance(30)
    expect(watch.elapsed()).toBe(30)
    watch.restart()
    clock.advance(5)
    expect(watch.elapsed()).toBe(5)
  })

  it('runs on the system clock: a timer fires, a cancelled one does not, and time moves on', async () => {
    const watch = stopwatch(systemClock)
    const fired: string[] = []
    systemClock.setTimeout(() => fired.push('kept'), 5)
    const cancel = systemClock.setTimeout(() => fired.push('cancelled'), 5)
    cancel()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fired).toEqual(['kept'])
    expect(watch.elapsed()).toBeGreaterThan(0)
  })
})
