import { describe, expect, it } from 'vitest'
import { canMoveSetupIntent, setupIntentTransitions, type SetupIntentStatus } from './setup-intents.js'

/** Every state reachable from the starts, and terminal states without exits. */
function reachable<S extends string>(table: Record<S, readonly S[]>, starts: S[]): Set<S> {
  const seen = new Set<S>(starts)
  for (const from of seen) for (const to of table[from]) seen.add(to)
  return seen
}

describe('SetupIntent transitions', () => {
  it('reaches every status from requires_payment_method and ends at succeeded or canceled', () => {
    const all = Object.keys(setupIntentTransitions) as SetupIntentStatus[]
    expect([...reachable(setupIntentTransitions, ['requires_payment_method'])].sort()).toEqual(all.sort())
    expect(setupIntentTransitions.succeeded).toEqual([])
    expect(canMoveSetupIntent('canceled', 'succeeded')).toBe(false)
  })
})
