import { describe, expect, it } from 'vitest'
import { createCrashPoints } from './crash-points.js'

describe('createCrashPoints', () => {
  it('crashes on the nth reach of an armed step, once', () => {
    let kills = 0
    const points = createCrashPoints(() => kills++)
    points.arm('after-psp-charge', 2)
    points.reach('after-psp-charge')
    expect(kills).toBe(0)
    points.reach('after-commit-before-publish')
    points.reach('after-psp-charge')
    expect(kills).toBe(1)
    points.reach('after-psp-charge')
    expect(kills).toBe(1)
  })

  it('never crashes once disarmed', () => {
    let kills = 0
    const points = createCrashPoints(() => kills++)
    points.arm('after-psp-charge', 1)
    points.disarm()
    points.reach('after-psp-charge')
    expect(kills).toBe(0)
  })

  it('never crashes at a step that was not armed', () => {
    let kills = 0
    const points = createCrashPoints(() => kills++)
    for (let i = 0; i < 5; i++) points.reach('after-commit-before-publish')
    expect(kills).toBe(0)
  })
})
