import { describe, expect, it } from 'vitest'
import { canMoveDispute, disputeTransitions, type DisputeStatus } from './disputes.js'

/** Every state reachable from the starts, and terminal states without exits. */
function reachable<S extends string>(table: Record<S, readonly S[]>, starts: S[]): Set<S> {
  const seen = new Set<S>(starts)
  for (const from of seen) for (const to of table[from]) seen.add(to)
  return seen
}

describe('dispute transitions', () => {
  it('reaches every status from the two ways a dispute opens', () => {
    const all = Object.keys(disputeTransitions) as DisputeStatus[]
    expect([...reachable(disputeTransitions, ['needs_response', 'warning_needs_response'])].sort()).toEqual(
      all.sort(),
    )
  })

  it('closes for good', () => {
    for (const closed of ['won', 'lost', 'warning_closed'] as const)
      expect(disputeTransitions[closed]).toEqual([])
    expect(canMoveDispute('lost', 'won')).toBe(false)
    expect(canMoveDispute('warning_needs_response', 'needs_response')).toBe(true)
  })
})
