import { describe, expect, it } from 'vitest'
import { skipWhileIdle } from './skip-while-idle.js'

describe('skipWhileIdle', () => {
  it('skips more ticks after each idle pass, up to the cap, and none after a pass with work', async () => {
    const answers = [true, true, true, true, true, false, true]
    const ran: number[] = []
    let tick = 0
    const periodic = skipWhileIdle(async () => {
      ran.push(tick)
      return answers.shift() ?? false
    }, 3)
    for (tick = 0; tick < 24; tick++) await periodic()
    // idle → skip 1, idle → skip 2, idle → skip 3 (the cap), idle → 3, idle → 3, work → none, idle → 1.
    expect(ran).toEqual([0, 2, 5, 9, 13, 17, 18, 20, 21, 22, 23])
  })
})
