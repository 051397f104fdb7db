import { describe, expect, it } from 'vitest'
import type { IntentStatus } from '../psp-records.js'
import { canTransition, intentTransitions } from './intent-transitions.js'

const statuses = Object.keys(intentTransitions) as IntentStatus[]

describe('PaymentIntent transitions', () => {
  it('reaches every status from requires_payment_method', () => {
    const seen = new Set<IntentStatus>(['requires_payment_method'])
    const queue: IntentStatus[] = ['requires_payment_method']
    for (let next = queue.shift(); next !== undefined; next = queue.shift())
      for (const to of intentTransitions[next])
        if (!seen.has(to)) {
          seen.add(to)
          queue.push(to)
        }
    expect([...seen].sort()).toEqual([...statuses].sort())
  })

  it('gives the terminal states no exits and refuses leaving them', () => {
    expect(intentTransitions.succeeded).toEqual([])
    expect(intentTransitions.canceled).toEqual([])
    for (const to of statuses) {
      expect(canTransition('succeeded', to)).toBe(false)
      expect(canTransition('canceled', to)).toBe(false)
    }
    expect(canTransition('requires_capture', 'requires_payment_method')).toBe(false)
  })
})
